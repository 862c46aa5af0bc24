"""A table written as partitioned Parquet (one file per few hundred documents) reads back whole."""
import pandas as pd
import pytest

from analysis.corpus import distributed


def test_partitioned_parquet_reads_back_the_table(tmp_path):
    frame = pd.DataFrame({"doc_id": ["b", "a", "a", "c", "d"], "start": [1, 5, 2, 0, 3],
                          "text": ["x", None, "z", "w", "v"], "low": [1.5, float("nan"), 2.0, None, 4.0],
                          "published": pd.to_datetime(["2023-01-02", None, "2023-01-03", "2024-05-01", None]),
                          "resolved": [True, False, True, True, False], "speaker": [None, None, "s", None, None]})
    folder = distributed.write_partitioned(frame, tmp_path / "t", docs=2)
    assert [p.name for p in distributed.parts(folder)] == ["part-00000.parquet", "part-00001.parquet"]
    back = distributed.read_partitioned(folder)
    pd.testing.assert_frame_equal(back.sort_values(["doc_id", "start"]).reset_index(drop=True),
                                  frame.sort_values(["doc_id", "start"]).reset_index(drop=True))
    assert len(distributed.read_dask(folder).compute()) == 5
    empty = distributed.read_partitioned(distributed.write_partitioned(frame.iloc[:0], tmp_path / "e"))
    assert list(empty.columns) == list(frame.columns) and empty.empty
    with pytest.raises(FileNotFoundError, match="no part"):
        distributed.read_partitioned(tmp_path / "missing")
