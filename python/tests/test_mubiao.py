"""Tests of the mubiao Python package: the same records as the CLI, errors,
threads, the store, pandas, and the README's example.

Environment (tests/cli/python.sh sets it): MUBIAO (the program whose output
is the reference), MUBIAO_LIB, TOP (the repository), T (a scratch folder).
"""
import concurrent.futures
import json
import os
import re
import subprocess

import pytest

import mubiao

TOP = os.environ.get("TOP") or os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PROG = os.environ.get("MUBIAO") or os.path.join(TOP, "build", "mubiao")
CORPUS = sorted(os.path.join("corpus", f) for f in os.listdir(os.path.join(TOP, "corpus")) if f.endswith(".txt"))
DATA = sorted(os.path.join("tests", "data", "extract", f)
              for f in os.listdir(os.path.join(TOP, "tests", "data", "extract")) if f.endswith(".txt"))


@pytest.fixture(autouse=True)
def at_top(monkeypatch):
    monkeypatch.chdir(TOP)


def cli(*args, stdin=None):
    p = subprocess.run([PROG, *args], input=stdin, capture_output=True, check=False)
    assert p.returncode == 0, p.stderr.decode()
    return [json.loads(line) for line in p.stdout.decode().split("\n") if line]


def test_installed_where_expected():
    want = os.environ.get("MUBIAO_EXPECT_PACKAGE_UNDER")
    if want:
        assert os.path.realpath(mubiao.__file__).startswith(os.path.realpath(want))
    assert os.path.realpath(mubiao.library_path()) == os.path.realpath(os.environ.get("MUBIAO_LIB",
                                                                                      mubiao.library_path()))


@pytest.mark.parametrize("path", CORPUS + DATA)
def test_extract_same_records_as_cli(path):
    recs = mubiao.extract(path)
    assert recs == cli("extract", path)
    assert len(recs) > 0


def test_extract_explain_date_kind():
    path = CORPUS[0]
    assert mubiao.extract(path, explain=True, date="2025-03-05") == cli("extract", "--explain", "--date",
                                                                       "2025-03-05", path)
    targets = mubiao.extract(path, kind="target")
    assert targets == cli("extract", "--kind", "target", path)
    assert targets and all(r["kind"] == "target" for r in targets)
    assert "evidence" not in mubiao.extract(path)[0]
    assert set(mubiao.extract(path, explain=True)[0]["evidence"]) == {"kind", "year", "change", "indicator"}


def test_extract_bytes_name_and_encoding():
    text = "到2025年，上市企业突破120家。\n"
    recs = mubiao.extract(text.encode("gb18030"), date="2024-01-10", name="web/notice.txt")
    assert len(recs) == 1
    r = recs[0]
    assert (r["doc"]["path"], r["doc"]["encoding"], r["indicator"], r["value"], r["unit"], r["comparator"],
            r["year"], r["kind"]) == ("web/notice.txt", "gb18030", "上市企业", 120, "家", "gt", 2025, "target")
    # span offsets are bytes of the GB18030 input: 2 bytes a character
    assert r["span"]["text"] == "突破120家"
    assert text.encode("gb18030")[r["span"]["start"]:r["span"]["end"]].decode("gb18030") == "突破120家"
    # the same bytes, forced as GBK, read alike; the CLI on stdin agrees
    assert mubiao.extract(text.encode("gb18030"), date="2024-01-10", encoding="gbk", name="web/notice.txt") == recs
    assert cli("extract", "--date", "2024-01-10", "-", stdin=text.encode("gb18030"))[0]["value"] == 120
    assert mubiao.extract(bytearray(text.encode()), date="2024-01-10")[0]["doc"]["path"] == "<bytes>"


def test_line_separators_inside_records():
    # U+2028 and U+0085 stay raw inside JSON strings (here in doc.path): only
    # "\n" separates records
    name = "web\u2028page\u0085.txt"
    text = "到2025年，上市企业突破120家，新增企业达到30家。\n".encode()
    recs = mubiao.extract(text, date="2024-01-10", name=name)
    assert recs == cli("extract", "--date", "2024-01-10", "--name", name, stdin=text)
    assert len(recs) == 2
    assert all(r["doc"]["path"] == name for r in recs)
    assert mubiao.numbers(text, name=name)[0]["doc"] == name


def test_paragraphs_segment_numbers_same_as_cli():
    path = CORPUS[0]
    assert mubiao.paragraphs(path) == cli("paragraphs", path)
    assert mubiao.segment(path) == cli("segment", "--json", path)
    assert mubiao.numbers(path) == cli("numbers", path)
    assert mubiao.numbers(path, date="2024-06-26") == cli("numbers", "--date", "2024-06-26", path)
    first = mubiao.segment("今年新增10家企业。".encode(), name="s.txt")
    assert [t["text"] for t in first[0]["tokens"]][:2] == ["今年", "新增"]


def test_errors_carry_file_and_byte_offset():
    with pytest.raises(mubiao.Error) as e:
        mubiao.extract(b"abc\xe4\xb8\xad\xff\xfe rest", name="bad.txt", encoding="utf-8")
    assert str(e.value) == "bad.txt: byte 6: invalid utf-8 sequence (0xFF)"
    assert e.value.code == "decode"
    with pytest.raises(mubiao.Error) as e:
        mubiao.extract(b"a\x00b", name="bin.txt")
    assert str(e.value) == "bin.txt: byte 1: NUL byte: binary file, not text"
    assert e.value.code == "binary"
    with pytest.raises(mubiao.Error) as e:
        mubiao.extract("no/such/file.txt")
    assert str(e.value) == "no/such/file.txt: No such file or directory"
    assert e.value.code == "io"
    with pytest.raises(mubiao.Error, match="unknown encoding 'klingon'"):
        mubiao.extract(b"x", encoding="klingon")
    with pytest.raises(mubiao.Error, match="invalid date"):
        mubiao.extract(CORPUS[0], date="2025-02-30")
    with pytest.raises(TypeError):
        mubiao.extract(42)
    # lenient: the bad byte becomes U+FFFD and the rest is read
    assert mubiao.paragraphs(b"\xe4\xb8\xad\xff\xe6\x96\x87", lenient=True, name="l.txt", encoding="utf-8")[0]["text"] == "中\ufffd文"


def test_model_opened_once():
    assert mubiao.model() is mubiao.model()
    with pytest.raises(mubiao.Error) as e:
        mubiao.Model(dict="/nonexistent/mubiao.dict")
    assert "/nonexistent/mubiao.dict" in str(e.value)


def test_threads_read_alike():
    paths = (CORPUS + DATA) * 3
    serial = [mubiao.extract(p) for p in paths]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        parallel = list(pool.map(mubiao.extract, paths))
    assert parallel == serial


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("store") / "m.db")
    p = subprocess.run([PROG, "ingest", "--quiet", "--db", db, "tests/data/extract"], cwd=TOP, capture_output=True)
    assert p.returncode == 0, p.stderr.decode()
    return db


def test_store_query_and_history(store):
    with mubiao.Store(store) as s:
        assert s.query() == cli("query", "--db", store)
        got = s.query(kind="target", year=2025)
        assert got == cli("query", "--db", store, "--kind", "target", "--year", "2025")
        assert got and all(r["kind"] == "target" and r["year"] == 2025 for r in got)
        ind = got[0]["indicator"]
        assert s.query(indicator=ind, exact=True) == cli("query", "--db", store, "--exact", "--indicator", ind)
        assert s.history(ind, exact=True) == cli("history", "--db", store, "--format", "jsonl", "--exact", ind)
        assert s.track(ind, exact=True) == cli("track", "--db", store, "--format", "jsonl", "--exact", ind)
        assert s.track() == cli("track", "--db", store, "--format", "jsonl", "--all") != []
        assert all(r["schema"] == "mubiao/track/v1" for r in s.track())
        assert s.query(issuer="no such issuer") == []
        assert s.query(indicator="no such indicator at all") == []
        assert s.query(unit="家", sort="-value", limit=3) == cli("query", "--db", store, "--unit", "家", "--sort",
                                                                "-value", "--limit", "3")
        assert len(s.query(limit=3)) == 3
        assert s.query(date_from="2026-01-01", date_to="2026-12-31") == cli("query", "--db", store, "--from",
                                                                            "2026-01-01", "--to", "2026-12-31")
        path = s.query()[0]["doc"]["path"]
        assert s.query(doc=os.path.abspath(path)) == s.query(doc=path) != []
        with pytest.raises(mubiao.Error, match="unknown sort 'bogus'"):
            s.query(sort="bogus")
    with pytest.raises(mubiao.Error, match="no such store"):
        mubiao.Store(os.path.join(os.path.dirname(store), "absent.db"))


def test_to_dataframe():
    pd = pytest.importorskip("pandas")
    recs = mubiao.extract(CORPUS[0])
    df = mubiao.to_dataframe(recs)
    assert len(df) == len(recs)
    assert str(df["year"].dtype) == "Int64"
    assert str(df["value"].dtype) == "float64"
    assert str(df["kind"].dtype) == "category"
    assert list(df["kind"].cat.categories) == ["target", "achievement"]
    for col in ("id", "doc_path", "doc_sha256", "span_start", "span_end", "quote_exact", "quote_prefix",
                "indicator", "unit"):
        assert col in df.columns
    assert df["id"].tolist() == [r["id"] for r in recs]
    assert df["span_start"].tolist() == [r["span"]["start"] for r in recs]
    nulls = [i for i, r in enumerate(recs) if r["year"] is None]
    assert df["year"].isna().sum() == len(nulls)
    # a record without value (a range) keeps NaN, not None
    assert df["value"].isna().sum() == sum(r["value"] is None for r in recs)
    assert mubiao.to_dataframe([]).empty


def readme_example():
    text = open(os.path.join(TOP, "README.md"), encoding="utf-8").read()
    m = re.search(r"<!-- python-example -->\s*```python\n(.*?)```", text, re.S)
    assert m, "README.md has no python example"
    return m.group(1)


def test_readme_example_gives_the_cli_records(capsys):
    pytest.importorskip("pandas")
    ns = {}
    exec(compile(readme_example(), "README.md (python example)", "exec"), ns)
    want = []
    for p in CORPUS:
        want += cli("extract", p)
    assert ns["records"] == want
    df = ns["df"]
    assert df["id"].tolist() == [r["id"] for r in want]
    assert len(ns["targets"]) == sum(r["kind"] == "target" and r["year"] is not None for r in want)
    assert capsys.readouterr().out  # it prints its table
