"""mubiao — quantified targets and reported figures of Chinese policy
documents, as records, from Python.

A thin layer over libmubiao.so.0 (ctypes; no compiled extension, no
third-party dependency): every function gives exactly what the mubiao
command prints, as Python objects.

    import mubiao
    records = mubiao.extract("report.txt")          # the records of `mubiao extract`
    records = mubiao.extract(b"...", date="2025-01-20", name="web.txt")
    df = mubiao.to_dataframe(records)               # with pandas installed

The library is found through $MUBIAO_LIB, the PREFIX of make
install-python, the `mubiao` program on PATH, then the system's library
path; the dictionary through $MUBIAO_DICT, mubiao.dict beside the library
(a build tree), PREFIX/share/mubiao/mubiao.dict, then the library's own
default.  The model (dictionary and compiled patterns) is opened once per
process, on first use, and shared: the functions may be called from many
threads at once (the library runs without the GIL).
"""
import ctypes
import json
import os
import threading

from . import _lib
from ._lib import Error

__version__ = "0.1.0"
__all__ = [
    "Error", "Model", "Store", "extract", "paragraphs", "segment", "numbers", "model", "to_dataframe",
    "library_path", "dict_path",
]

_state_lock = threading.RLock()  # model() opens the library under it
_LIB = None
_LIB_PATH = None
_MODEL = None


def _library():
    global _LIB, _LIB_PATH
    if _LIB is None:
        with _state_lock:
            if _LIB is None:
                _LIB, _LIB_PATH = _lib.load()
    return _LIB


def library_path():
    """The file libmubiao was loaded from."""
    _library()
    return _LIB_PATH


def dict_path():
    """The compiled dictionary the default model opens."""
    env = os.environ.get("MUBIAO_DICT")
    if env:
        return env
    lib = _library()
    libdir = os.path.dirname(os.path.realpath(library_path()))
    for cand in (os.path.join(libdir, "mubiao.dict"),
                 os.path.join(os.path.dirname(libdir), "share", "mubiao", "mubiao.dict")):
        if os.path.exists(cand):
            return cand
    return lib.mb_default_dict().decode()


def _enc(s):
    return None if s is None else os.fsencode(s) if isinstance(s, os.PathLike) else s.encode("utf-8")


def _strings(items):
    items = [os.fsencode(p) for p in items]
    arr = (ctypes.c_char_p * max(1, len(items)))(*items)
    return arr, len(items)


class _Handle:
    """What owns one library object: closed by close(), a with block or the
    garbage collector.  Subclasses name the freeing function (_FREE) and
    what a closed one says (_closed())."""

    _FREE = None
    _ptr = None

    def close(self):
        if self._ptr:
            getattr(self._lib, self._FREE)(self._ptr)
            self._ptr = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if not self._ptr:
            raise Error(self._closed(), 7, "arg")
        return self._ptr


class Model(_Handle):
    """The dictionary, user dictionaries and lexicon rows, and the compiled
    patterns: immutable once open, shared by threads.  mubiao.model() is the
    default one; open another for user dictionaries or lexicon files."""

    def __init__(self, dict=None, user_dicts=(), user_lexicons=()):
        self._lib = _library()
        self._ptr = None
        self.dict = os.fspath(dict) if dict is not None else dict_path()
        users, nusers = _strings(user_dicts)
        lexs, nlexs = _strings(user_lexicons)
        err = _lib.MbError()
        ptr = ctypes.c_void_p()
        if self._lib.mb_model_open_lexicon(os.fsencode(self.dict), users, nusers, lexs, nlexs,
                                           ctypes.byref(ptr), ctypes.byref(err)):
            _lib.raise_error(err)
        self._ptr = ptr

    _FREE = "mb_model_free"

    def _closed(self):
        return "the model is closed"

    # -- documents --------------------------------------------------------
    def _load(self, source, encoding, lenient, name, lines_only=False):
        opt = _lib.DocOptions(_enc(encoding), 1 if lenient else 0, 1 if lines_only else 0,
                              self._lib.mb_model_lexicon(self._handle()))
        err = _lib.MbError()
        doc = ctypes.c_void_p()
        if isinstance(source, (bytes, bytearray, memoryview)):
            data = bytes(source)
            st = self._lib.mb_doc_load_mem(_enc(name if name is not None else "<bytes>"), data, len(data),
                                           ctypes.byref(opt), ctypes.byref(doc), ctypes.byref(err))
        elif isinstance(source, (str, os.PathLike)):
            st = self._lib.mb_doc_load_file(os.fsencode(source), ctypes.byref(opt), ctypes.byref(doc),
                                            ctypes.byref(err))
        else:
            raise TypeError("a path (str, os.PathLike) or the document's bytes, not %s" % type(source).__name__)
        if st:
            _lib.raise_error(err)
        return _Doc(self._lib, doc)

    def extract(self, source, date=None, encoding=None, explain=False, name=None, lenient=False, kind=None):
        """The records of one document, as `mubiao extract` prints them
        (list of dicts, spec v1).  source: a path, or the document's bytes
        (name is then its doc.path, default "<bytes>").  date "YYYY-MM-DD"
        or None (a sidecar FILE.meta.json, a dateline, inference); explain
        adds each record's `evidence`; kind "target" or "achievement" keeps
        only those."""
        if kind not in (None, "target", "achievement"):
            raise ValueError("kind must be 'target' or 'achievement', not %r" % (kind,))
        _check_date(self._lib, date)
        with self._load(source, encoding, lenient, name) as doc:
            out = ctypes.c_void_p()
            n = ctypes.c_size_t()
            err = _lib.MbError()
            if self._lib.mb_extract_jsonl(self._handle(), doc.ptr, _enc(date), 2 if explain else 0,
                                          ctypes.byref(out), ctypes.byref(n), ctypes.byref(err)):
                _lib.raise_error(err)
            text = _take(self._lib, out, n.value)
        records = _jsonl(text)
        if kind:
            records = [r for r in records if r["kind"] == kind]
        return records

    def paragraphs(self, source, encoding=None, name=None, lenient=False):
        """The reflowed paragraphs with their sentences, as `mubiao
        paragraphs` prints them."""
        with self._load(source, encoding, lenient, name) as doc:
            out = []
            for i in range(self._lib.mb_doc_paragraph_count(doc.ptr)):
                p = ctypes.c_void_p()
                err = _lib.MbError()
                if self._lib.mb_emit_paragraph(doc.ptr, i, ctypes.byref(p), ctypes.byref(err)):
                    _lib.raise_error(err)
                out.append(json.loads(_take(self._lib, p)))
        return out

    def segment(self, source, encoding=None, name=None, lenient=False):
        """The words of each line, as `mubiao segment --json` prints them:
        [{"path", "line", "tokens": [{"text", "start", "end", "tag"}]}]."""
        with self._load(source, encoding, lenient, name, lines_only=True) as doc:
            m = self._handle()
            return _collect(lambda w, err: self._lib.mb_segment_write(
                self._lib.mb_model_dict(m), self._lib.mb_model_user_dict(m), doc.ptr, w, None, err))

    def numbers(self, source, date=None, encoding=None, name=None, lenient=False):
        """Every quantity and time expression, as `mubiao numbers` prints
        them; date (YYYY-MM-DD) resolves relative times (今年, 近5年)."""
        _check_date(self._lib, date)
        year = int(date[:4]) if date else 0
        with self._load(source, encoding, lenient, name) as doc:
            rec = self._lib.mb_model_recognizer(self._handle())
            return _collect(lambda w, err: self._lib.mb_numbers_write(rec, doc.ptr, year, w, None, err))


class _Doc:
    def __init__(self, lib, ptr):
        self.lib, self.ptr = lib, ptr

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lib.mb_doc_free(self.ptr)
        self.ptr = None


def _take(lib, ptr, n=None):
    """The library's malloc'ed string as str, freed."""
    try:
        raw = ctypes.string_at(ptr.value, n) if n is not None else ctypes.string_at(ptr.value)
    finally:
        lib.mb_free(ptr)
    return raw.decode("utf-8")


def _jsonl(text):
    """JSON Lines to objects. Only "\\n" ends a line: str.splitlines would also
    cut at U+2028, U+0085 and the like, which JSON strings hold unescaped."""
    return [json.loads(line) for line in text.split("\n") if line]


def _collect(call):
    """Run call(write_fn, err) and parse the JSON Lines written through it."""
    chunks = []

    def write(ctx, s, n):
        chunks.append(ctypes.string_at(s, n))
        return 0

    w = _lib.WRITE_FN(write)
    err = _lib.MbError()
    if call(w, ctypes.byref(err)):
        _lib.raise_error(err)
    return _jsonl(b"".join(chunks).decode("utf-8"))


def _check_date(lib, date):
    if date is None:
        return
    buf = ctypes.create_string_buffer(64)  # an mb_date
    if not isinstance(date, str) or lib.mb_date_parse(date.encode(), buf):
        raise Error("invalid date %r: want YYYY-MM-DD" % (date,), 7, "arg")


def model():
    """The default model, opened once per process on first use."""
    global _MODEL
    if _MODEL is None:
        with _state_lock:
            if _MODEL is None:
                _MODEL = Model()
    return _MODEL


def extract(path_or_bytes, date=None, encoding=None, explain=False, name=None, lenient=False, kind=None):
    """The records of one document (see Model.extract) with the default model."""
    return model().extract(path_or_bytes, date=date, encoding=encoding, explain=explain, name=name,
                           lenient=lenient, kind=kind)


def paragraphs(path_or_bytes, encoding=None, name=None, lenient=False):
    return model().paragraphs(path_or_bytes, encoding=encoding, name=name, lenient=lenient)


def segment(path_or_bytes, encoding=None, name=None, lenient=False):
    return model().segment(path_or_bytes, encoding=encoding, name=name, lenient=lenient)


def numbers(path_or_bytes, date=None, encoding=None, name=None, lenient=False):
    return model().numbers(path_or_bytes, date=date, encoding=encoding, name=name, lenient=lenient)


paragraphs.__doc__ = Model.paragraphs.__doc__
segment.__doc__ = Model.segment.__doc__
numbers.__doc__ = Model.numbers.__doc__


class Store(_Handle):
    """An existing store written by `mubiao ingest` (SQLite), for reading:
    query() and history() give the records as `mubiao query` and `mubiao
    history --format jsonl` print them.  One Store may be used by several
    threads (calls are serialized); open one per thread to read in
    parallel."""

    def __init__(self, path="mubiao.db"):
        self._lib = _library()
        self._ptr = None
        self.path = os.fspath(path)
        if not os.path.isfile(self.path):
            raise Error("%s: no such store (mubiao ingest DIR creates it)" % self.path, 2, "io")
        err = _lib.MbError()
        ptr = ctypes.c_void_p()
        if self._lib.mb_store_open(os.fsencode(self.path), ctypes.byref(ptr), ctypes.byref(err)):
            _lib.raise_error(err)
        self._ptr = ptr
        self._lock = threading.Lock()
        # the default model's lexicon, as the mubiao program uses: indicator
        # ids (query and history match GDP to 国内生产总值) and magnitude
        # words; the model is kept while the store lives
        self._model = model()
        self._lib.mb_store_set_lexicon(self._ptr, self._lib.mb_model_lexicon(self._model._handle()))

    _FREE = "mb_store_close"

    def _closed(self):
        return "%s: the store is closed" % self.path

    def query(self, kind=None, year=None, indicator=None, exact=False, doc=None, date_from=None, date_to=None,
              unit=None, limit=None, sort=None, issuer=None, region=None):
        """The records matching every filter given, as `mubiao query`
        prints them: kind "target"/"achievement", the record's year,
        indicator (contained in it, or equal with exact=True), doc (the
        document's path, relative or absolute), date_from/date_to (document
        dates, YYYY-MM-DD or YYYY, inclusive), unit (exactly), issuer (the
        document's, exactly), region (the record's: 苏州 or 苏州市), at most
        limit records, sort "date" (default), "year", "value", "indicator",
        "path", "-KEY" descending."""
        for d in (date_from, date_to):
            _check_date(self._lib, d)
        q = _lib.Query(_enc(kind), int(year or 0), _enc(indicator), 1 if exact else 0, _enc(doc), _enc(date_from),
                       _enc(date_to), _enc(unit), int(limit or 0), _enc(sort), _enc(issuer), _enc(region))
        with self._lock:
            s = self._handle()
            return _collect(lambda w, err: self._lib.mb_store_query(s, ctypes.byref(q), 0, w, None, None, err))

    def history(self, indicator, exact=False):
        """Every record of an indicator with its revision (first, restated,
        raised, lowered), as `mubiao history --format jsonl`."""
        with self._lock:
            s = self._handle()
            return _collect(lambda w, err: self._lib.mb_store_history(s, _enc(indicator), 1 if exact else 0, 0, w,
                                                                     None, None, err))

    def track(self, *indicators, exact=False, issuer=None, region=None, year=None):
        """Each target against the outcome reported for its year, as `mubiao
        track --format jsonl` (schema mubiao/track/v1): the indicators given
        (none: every indicator), of documents of issuer, about region, for
        year."""
        names = [_enc(i) for i in indicators]
        arr = (ctypes.c_char_p * max(len(names), 1))(*names)
        q = _lib.TrackQuery(arr, len(names), 1 if exact else 0, _enc(issuer), _enc(region), int(year or 0))
        with self._lock:
            s = self._handle()
            return _collect(lambda w, err: self._lib.mb_store_track(s, ctypes.byref(q), 1, w, None, None, err))


# -- pandas ------------------------------------------------------------------

def _flatten(rec, prefix="", out=None):
    out = {} if out is None else out
    for k, v in rec.items():
        key = prefix + k
        if isinstance(v, dict):
            _flatten(v, key + "_", out)
        else:
            out[key] = v
    return out


def to_dataframe(records):
    """The records as a pandas DataFrame, one row each, nested objects
    flattened into columns joined by "_" (doc_path, doc_sha256, span_start,
    quote_exact, evidence_kind_rule, ...; revision_status for history).
    year is a nullable Int64, value/min/max float64, kind categorical
    (target, achievement).  Needs pandas (Debian: python3-pandas)."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError("mubiao.to_dataframe needs pandas (Debian: apt-get install python3-pandas)")
    df = pd.DataFrame([_flatten(r) for r in records])
    if df.empty:
        df = pd.DataFrame({c: [] for c in ("id", "kind", "indicator", "value", "unit", "year")})
    for col in ("value", "min", "max"):
        if col in df:
            df[col] = df[col].astype("float64")
    for col in ("year", "paragraph_index", "paragraph_start", "paragraph_end", "paragraph_line",
                "span_start", "span_end"):
        if col in df:
            df[col] = df[col].astype("Int64")
    if "kind" in df:
        df["kind"] = pd.Categorical(df["kind"], categories=["target", "achievement"])
    return df
