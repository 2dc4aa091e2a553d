"""_lib — libmubiao.so.0 through ctypes: finding it, the few structures the
package passes (mb_error, mb_doc_options, mb_query) and the prototypes of
the functions it calls.  Nothing here is public; see mubiao/__init__.py."""
import ctypes
import ctypes.util
import os
import shutil

SONAME = "libmubiao.so.0"


class Error(Exception):
    """A libmubiao failure: the message names the file and, for bad bytes,
    the byte offset (str(e)); e.code is the status name ("decode", "io",
    ...), e.status its number (mb_status)."""

    def __init__(self, message, status=0, code=None):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code


class MbError(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int), ("message", ctypes.c_char * 512)]


class DocOptions(ctypes.Structure):
    _fields_ = [
        ("encoding", ctypes.c_char_p),
        ("lenient", ctypes.c_int),
        ("lines_only", ctypes.c_int),
        ("lexicon", ctypes.c_void_p),
        ("max_size", ctypes.c_uint64),
        ("regular_only", ctypes.c_int),
        ("root", ctypes.c_char_p),
        ("name_only", ctypes.c_int),
    ]


class Query(ctypes.Structure):
    _fields_ = [
        ("kind", ctypes.c_char_p),
        ("year", ctypes.c_int),
        ("indicator", ctypes.c_char_p),
        ("exact", ctypes.c_int),
        ("doc", ctypes.c_char_p),
        ("date_from", ctypes.c_char_p),
        ("date_to", ctypes.c_char_p),
        ("unit", ctypes.c_char_p),
        ("limit", ctypes.c_size_t),
        ("sort", ctypes.c_char_p),
        ("issuer", ctypes.c_char_p),
        ("region", ctypes.c_char_p),
    ]


class TrackQuery(ctypes.Structure):
    _fields_ = [
        ("indicators", ctypes.POINTER(ctypes.c_char_p)),
        ("nindicators", ctypes.c_size_t),
        ("exact", ctypes.c_int),
        ("issuer", ctypes.c_char_p),
        ("region", ctypes.c_char_p),
        ("year", ctypes.c_int),
    ]


WRITE_FN = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(ctypes.c_char), ctypes.c_size_t)

_P = ctypes.c_void_p
_PP = ctypes.POINTER(ctypes.c_void_p)
_S = ctypes.c_char_p
_ERR = ctypes.POINTER(MbError)
_SZ = ctypes.c_size_t
_I = ctypes.c_int

# name: (restype, argtypes)
_PROTOS = {
    "mb_strerror": (_S, [_I]),
    "mb_free": (None, [_P]),
    "mb_default_dict": (_S, []),
    "mb_model_open_lexicon": (_I, [_S, ctypes.POINTER(_S), _SZ, ctypes.POINTER(_S), _SZ, _PP, _ERR]),
    "mb_model_free": (None, [_P]),
    "mb_model_lexicon": (_P, [_P]),
    "mb_model_dict": (_P, [_P]),
    "mb_model_user_dict": (_P, [_P]),
    "mb_model_recognizer": (_P, [_P]),
    "mb_doc_load_file": (_I, [_S, ctypes.POINTER(DocOptions), _PP, _ERR]),
    "mb_doc_load_mem": (_I, [_S, ctypes.c_char_p, _SZ, ctypes.POINTER(DocOptions), _PP, _ERR]),
    "mb_doc_free": (None, [_P]),
    "mb_doc_paragraph_count": (_SZ, [_P]),
    "mb_doc_warning": (_S, [_P, _SZ]),
    "mb_emit_paragraph": (_I, [_P, _SZ, _PP, _ERR]),
    "mb_date_parse": (_I, [_S, _P]),
    "mb_extract_jsonl": (_I, [_P, _P, _S, _I, _PP, ctypes.POINTER(_SZ), _ERR]),
    "mb_segment_write": (_I, [_P, _P, _P, WRITE_FN, _P, _ERR]),
    "mb_numbers_write": (_I, [_P, _P, _I, WRITE_FN, _P, _ERR]),
    "mb_store_open": (_I, [_S, _PP, _ERR]),
    "mb_store_close": (None, [_P]),
    "mb_store_set_lexicon": (None, [_P, _P]),
    "mb_store_query": (_I, [_P, ctypes.POINTER(Query), _I, WRITE_FN, _P, ctypes.POINTER(_SZ), _ERR]),
    "mb_store_history": (_I, [_P, _S, _I, _I, WRITE_FN, _P, ctypes.POINTER(_SZ), _ERR]),
    "mb_store_track": (_I, [_P, ctypes.POINTER(TrackQuery), _I, WRITE_FN, _P, ctypes.POINTER(_SZ), _ERR]),
}

_STATUS = {
    1: "nomem", 2: "io", 3: "decode", 4: "binary", 5: "encoding", 6: "toobig", 7: "arg", 8: "dict",
    9: "dict_version", 10: "dict_corrupt", 11: "pattern", 12: "json", 13: "store", 14: "html",
}


def _candidates():
    """Where libmubiao.so.0 may be, in the order tried."""
    env = os.environ.get("MUBIAO_LIB")
    if env:
        yield env
        return
    try:
        from ._prefix import PREFIX  # written by make install-python
    except ImportError:
        PREFIX = None
    if PREFIX:
        yield os.path.join(PREFIX, "lib", SONAME)
    prog = shutil.which("mubiao")
    if prog:  # a build tree (build/mubiao beside build/libmubiao.so.0) or PREFIX/bin/mubiao
        d = os.path.dirname(os.path.realpath(prog))
        yield os.path.join(d, SONAME)
        yield os.path.join(os.path.dirname(d), "lib", SONAME)
    yield SONAME  # LD_LIBRARY_PATH, the ld.so cache
    found = ctypes.util.find_library("mubiao")
    if found:
        yield found
    yield "/usr/local/lib/" + SONAME


def load():
    """The library (ctypes.CDLL) and the path it was loaded from."""
    tried = []
    for cand in _candidates():
        if os.sep in cand and not os.path.exists(cand):
            tried.append(cand)
            continue
        try:
            lib = ctypes.CDLL(cand)
        except OSError as e:
            tried.append("%s (%s)" % (cand, e))
            continue
        for name, (res, args) in _PROTOS.items():
            try:
                f = getattr(lib, name)
            except AttributeError:
                raise Error("%s: no function %s: an older libmubiao; install this version "
                            "(make install) or set MUBIAO_LIB" % (cand, name))
            f.restype = res
            f.argtypes = args
        path = cand
        if os.sep not in cand:
            path = _loaded_path(cand) or cand
        return lib, path
    raise Error("libmubiao.so.0 not found (tried: %s): run make install, or set MUBIAO_LIB to the "
                "library (build/libmubiao.so.0 of a build tree)" % ", ".join(tried), 2, "io")


def _loaded_path(soname):
    """The file a library loaded by name came from (/proc/self/maps)."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                p = line.split()[-1]
                if os.path.basename(p).startswith("libmubiao.so"):
                    return p
    except OSError:
        pass
    return None


def raise_error(err):
    msg = err.message.decode("utf-8", "replace")
    raise Error(msg, err.code, _STATUS.get(err.code, str(err.code)))
