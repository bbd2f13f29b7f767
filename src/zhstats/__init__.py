"""zhstats: every statistic in Chinese policy and government news, as structured records.

>>> import zhstats
>>> recs = zhstats.extract("2019年发放低保金约4.4亿元。", date="2020-01")

Heavy optional pieces (pandas, spaCy, Dask) are imported only when used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .docdate import DocDate
from .numbers import NumberMention, find_numbers
from .pipeline import extract, process
from .record import Record

if TYPE_CHECKING:
    import pandas

__version__ = "0.1.0"
__all__ = [
    "DocDate",
    "NumberMention",
    "Record",
    "evaluate",
    "extract",
    "find_numbers",
    "process",
    "to_frame",
]


def to_frame(records: Any) -> pandas.DataFrame:
    """Records (or their dicts) as a pandas DataFrame; pandas is imported here, not at start-up."""
    from .frame import to_frame as _to_frame

    return _to_frame(records)


def evaluate(gold: Any, pred: Any) -> dict:
    """Score predictions against gold exactly as RECORDS.md section 7 (see :mod:`zhstats.evaluate`)."""
    from .scoring import evaluate as _evaluate

    return _evaluate(gold, pred)
