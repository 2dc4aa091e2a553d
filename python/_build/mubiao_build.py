"""mubiao_build — a PEP 517 build backend for the mubiao package, standard
library only: a pure-Python wheel (py3-none-any) of the mubiao/ folder.

When MUBIAO_PREFIX is set while building (make install-python sets it to
the PREFIX of make install), it is written into mubiao/_prefix.py so that
the installed package looks for PREFIX/lib/libmubiao.so.0 first.
"""
import base64
import hashlib
import io
import os
import re
import tarfile
import zipfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PKG = "mubiao"


def _meta():
    text = open(os.path.join(HERE, "pyproject.toml"), encoding="utf-8").read()
    project = text[text.index("[project]"):]
    def field(name):
        m = re.search(r'^%s\s*=\s*"([^"]*)"' % name, project, re.M)
        return m.group(1)
    return field("name"), field("version"), field("description"), field("requires-python")


def _files():
    """(archive name, bytes) of the package's files, sorted."""
    out = []
    root = os.path.join(HERE, PKG)
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for f in sorted(filenames):
            if not f.endswith(".py") or f == "_prefix.py":
                continue
            p = os.path.join(dirpath, f)
            with open(p, "rb") as fh:
                out.append((os.path.relpath(p, HERE).replace(os.sep, "/"), fh.read()))
    prefix = os.environ.get("MUBIAO_PREFIX")
    body = "PREFIX = %r\n" % (prefix if prefix else None)
    out.append((PKG + "/_prefix.py", ("# written by the build: make install-python\n" + body).encode()))
    return sorted(out)


def _metadata():
    name, version, summary, requires = _meta()
    return ("Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\nRequires-Python: %s\n"
            "Provides-Extra: pandas\nRequires-Dist: pandas; extra == \"pandas\"\n" % (name, version, summary, requires))


def _record_line(name, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (name, digest, len(data))


def get_requires_for_build_wheel(config_settings=None):
    return []


def get_requires_for_build_sdist(config_settings=None):
    return []


def get_requires_for_build_editable(config_settings=None):
    return []


def _wheel(wheel_directory, files):
    name, version = _meta()[:2]
    dist = "%s-%s.dist-info" % (name, version)
    wheel_name = "%s-%s-py3-none-any.whl" % (name, version)
    files = list(files)
    files.append((dist + "/METADATA", _metadata().encode()))
    files.append((dist + "/WHEEL", b"Wheel-Version: 1.0\nGenerator: mubiao_build\nRoot-Is-Purelib: true\n"
                  b"Tag: py3-none-any\n"))
    record = [_record_line(n, d) for n, d in files] + [dist + "/RECORD,,"]
    files.append((dist + "/RECORD", ("\n".join(record) + "\n").encode()))
    with zipfile.ZipFile(os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED) as z:
        for n, d in files:
            info = zipfile.ZipInfo(n, date_time=(2020, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, d)
    return wheel_name


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    return _wheel(wheel_directory, _files())


def build_editable(wheel_directory, config_settings=None, metadata_directory=None):
    """A wheel holding a .pth file that puts this folder on sys.path."""
    return _wheel(wheel_directory, [("mubiao_editable.pth", (HERE + "\n").encode())])


def build_sdist(sdist_directory, config_settings=None):
    name, version = _meta()[:2]
    base = "%s-%s" % (name, version)
    path = os.path.join(sdist_directory, base + ".tar.gz")
    with tarfile.open(path, "w:gz") as t:
        for rel in ["pyproject.toml", "_build/mubiao_build.py"] + [n for n, _ in _files() if n != PKG + "/_prefix.py"]:
            t.add(os.path.join(HERE, rel), arcname=base + "/" + rel)
        pkg_info = _metadata().encode()
        info = tarfile.TarInfo(base + "/PKG-INFO")
        info.size = len(pkg_info)
        t.addfile(info, io.BytesIO(pkg_info))
    return base + ".tar.gz"
