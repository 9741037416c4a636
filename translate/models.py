"""The model manager: install, list, verify and remove Argos packages, online and offline.

This is the only module that opens network connections, and only when the user asks for a
download (`translate models install de en`). Installing is atomic: an archive is checked
member by member (no absolute paths, no ``..``, no links or device files, one top-level
folder with metadata.json, model/ and a tokenizer), unpacked into a temporary folder inside
the packages directory, validated, and only then renamed into place.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from translate.archive import safe_extract
from translate.errors import ModelError, NetworkError
from translate.files import atomic_open, data_json, sha256_file
from translate.package import ArgosPackage, packages_dir, validate_folder

if TYPE_CHECKING:
    from rich.console import Console

def install_file(file: str | Path, directory: str | Path | None = None, from_code: str | None = None,
                 to_code: str | None = None) -> ArgosPackage:
    """Install a ``.argosmodel`` file atomically into the packages directory."""
    src = Path(file).expanduser()
    if not src.is_file():
        raise ModelError(f"{src}: no such package file")
    root = packages_dir(directory)
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"{root}: cannot create packages directory ({exc.strerror or exc})") from None
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        try:
            top = safe_extract(src, tmp)
        except OSError as exc:
            raise ModelError(f"cannot unpack {src.name} ({exc.strerror or exc})") from None
        pkg = validate_folder(tmp / top)
        if from_code and to_code and (pkg.from_code, pkg.to_code) != (from_code, to_code):
            raise ModelError(
                f"{src.name} is a {pkg.from_code}→{pkg.to_code} package, not {from_code}→{to_code}")
        final = root / top
        old = None
        if final.exists():
            old = root / f".old-{top}-{tmp.name}"
            final.rename(old)
        (tmp / top).rename(final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        return validate_folder(final, "installed")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def install_folder(folder: str | Path, directory: str | Path | None = None) -> ArgosPackage:
    """Install an unpacked package folder (or a folder holding exactly one) by copying it."""
    from translate.package import open_package

    pkg = open_package(folder)
    root = packages_dir(directory)
    if pkg.path.resolve().parent == root.resolve():
        return validate_folder(pkg.path, "installed")  # already installed here
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=root))
    try:
        shutil.copytree(pkg.path, tmp / pkg.name)
        validate_folder(tmp / pkg.name)
        final = root / pkg.name
        aside = root / f".old-{pkg.name}-{tmp.name}"
        if final.exists():
            final.rename(aside)
        (tmp / pkg.name).rename(final)
        shutil.rmtree(aside, ignore_errors=True)
        return validate_folder(final, "installed")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def install(what: list[str], directory: str | Path | None = None, index: str | None = None,
            timeout: float = 30.0, retries: int = 3, progress: bool | Console = False) -> ArgosPackage:
    """``translate models install``: a ``.argosmodel`` file or an unpacked package folder is
    installed offline; a language pair (``de en``) or an index name is fetched online. A path
    that is neither a package nor a name never reaches the network."""
    if len(what) == 1:
        path = Path(what[0]).expanduser()
        if path.is_dir():
            return install_folder(path, directory)
        if path.is_file() or path.suffix == ".argosmodel" or "/" in what[0] or "\\" in what[0]:
            return install_file(path, directory)
    return install_from_index(what, directory, index=index, timeout=timeout, retries=retries, progress=progress)


# -- online install ------------------------------------------------------------

DEFAULT_INDEX = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
PIN_FILE = ".translate-sha256.json"


def index_url(index: str | None = None) -> str:
    """The package index URL; argostranslate's ARGOS_PACKAGE_INDEX is a folder URL, so a URL
    ending in "/" gets "index.json" appended."""
    url = index or os.environ.get("ARGOS_PACKAGE_INDEX") or DEFAULT_INDEX
    return url + "index.json" if url.endswith("/") else url


def _get(url: str, timeout: float, headers: dict[str, str] | None = None):  # noqa: ANN202
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "translate-de-en", **(headers or {})})
    return urllib.request.urlopen(req, timeout=timeout)  # noqa: S310 (http/https only, checked)


def _check_scheme(url: str) -> None:
    if not url.startswith(("http://", "https://")):
        raise NetworkError(f"unsupported URL {url!r} (http or https only)")


def fetch_index(index: str | None = None, timeout: float = 30.0) -> list[dict]:
    """Download and parse the package index (a JSON list of package metadata)."""
    import urllib.error

    url = index_url(index)
    _check_scheme(url)
    try:
        with _get(url, timeout) as resp:
            data = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, OSError, TimeoutError) as exc:
        reason = getattr(exc, "reason", exc)
        raise NetworkError(f"cannot fetch the package index {url} ({reason})",
                           hint="offline? install from a file: translate models install FILE.argosmodel") from None
    except ValueError as exc:
        raise NetworkError(f"the package index {url} is not valid JSON ({exc})") from None
    if not isinstance(data, list):
        raise NetworkError(f"the package index {url} is not a list of packages")
    return [d for d in data if isinstance(d, dict)]


def package_name(meta: dict) -> str:
    """argospm's name for an index entry: translate-de_en."""
    return f"{meta.get('type', 'translate')}-{meta.get('from_code')}_{meta.get('to_code')}"


def choose(entries: list[dict], what: list[str]) -> dict:
    """The newest index entry for ``[FROM, TO]`` or ``[NAME]``."""
    if len(what) == 2:
        match = [e for e in entries if (e.get("from_code"), e.get("to_code")) == tuple(what)]
        label = f"{what[0]}→{what[1]}"
    elif len(what) == 1:
        match = [e for e in entries if what[0] in (package_name(e), e.get("code"))]
        label = what[0]
    else:
        raise ModelError("give a .argosmodel file, FROM TO language codes, or one package name")
    if not match:
        raise ModelError(f"no package for {label} in the index")
    return max(match, key=lambda e: _version_tuple(str(e.get("package_version", ""))))


def _version_tuple(v: str) -> tuple[int, ...]:
    return tuple(int(x) if x.isdigit() else 0 for x in v.replace("_", ".").split("."))

def _recorded_pins(root: Path) -> dict[str, str]:
    """Checksums recorded on first install into ``root`` (trust on first use)."""
    local = root / PIN_FILE
    if local.is_file():
        with contextlib.suppress(ValueError, OSError):
            return dict(json.loads(local.read_text(encoding="utf-8")))
    return {}


def _pins(root: Path) -> dict[str, str]:
    """Known checksums: the project's pin table, then those recorded on first install here."""
    pins = data_json("pins.json")
    return {**pins, **_recorded_pins(root)}


def download(url: str, dest: Path, timeout: float, retries: int, progress: bool | Console) -> Path:
    """Download ``url`` to ``dest``, resuming a partial ``dest.part``; bounded retries."""
    import urllib.error

    _check_scheme(url)
    part = dest.with_name(dest.name + ".part")
    last: Exception | None = None
    for attempt in range(1, max(1, retries) + 1):
        have = part.stat().st_size if part.exists() else 0
        try:
            headers = {"Range": f"bytes={have}-"} if have else {}
            with _get(url, timeout, headers) as resp:
                if have and resp.status != 206:  # server ignored the range: start again
                    have = 0
                length = resp.headers.get("Content-Length")
                total = have + int(length) if length and length.isdigit() else None
                with part.open("ab" if have else "wb") as out:
                    _copy(resp, out, total, have, progress, dest.name)
            if total is not None and part.stat().st_size < total:
                raise OSError(f"truncated: {part.stat().st_size} of {total} bytes")
            part.replace(dest)
            return dest
        except urllib.error.HTTPError as exc:
            if exc.code == 416 and have:  # already complete
                part.replace(dest)
                return dest
            last = exc
            if 400 <= exc.code < 500:
                break
        except (urllib.error.URLError, OSError, TimeoutError) as exc:
            last = exc
        if attempt < retries:
            time.sleep(min(2.0 ** (attempt - 1), 10.0))
    reason = getattr(last, "reason", last)
    raise NetworkError(f"download of {url} failed after {retries} attempt(s) ({reason})",
                       hint="run the same command again to resume, or install from a file")


def _copy(resp, out, total: int | None, have: int, progress: bool | Console, label: str) -> None:  # noqa: ANN001
    """Copy the response body; with ``progress`` (True: stderr, or a rich Console) show a bar."""
    if progress is False:
        shutil.copyfileobj(resp, out, 1 << 16)
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TransferSpeedColumn

    console = progress if isinstance(progress, Console) else Console(stderr=True)
    with Progress("[progress.description]{task.description}", BarColumn(), DownloadColumn(),
                  TransferSpeedColumn(), console=console) as bar:
        task = bar.add_task(label, total=total, completed=have)
        for chunk in iter(lambda: resp.read(1 << 16), b""):
            out.write(chunk)
            bar.update(task, advance=len(chunk))


def install_from_index(what: list[str], directory: str | Path | None = None, index: str | None = None,
                       timeout: float = 30.0, retries: int = 3,
                       progress: bool | Console = False) -> ArgosPackage:
    """Fetch the index, pick the newest package, download (resumable), verify, install."""
    root = packages_dir(directory)
    root.mkdir(parents=True, exist_ok=True)
    entry = choose(fetch_index(index, timeout), what)
    links = [u for u in entry.get("links", []) if isinstance(u, str)]
    if not links:
        raise ModelError(f"the index gives no download link for {package_name(entry)}")
    name = f"{package_name(entry)}-{str(entry.get('package_version', '0')).replace('.', '_')}"
    downloads = root / ".downloads"
    downloads.mkdir(exist_ok=True)
    file = downloads / f"{name}.argosmodel"
    errors = []
    for url in links:
        try:
            download(url, file, timeout, retries, progress)
            break
        except NetworkError as exc:
            errors.append(exc)
    else:
        raise errors[-1]
    digest = sha256_file(file)
    expected = entry.get("sha256") or entry.get("checksum") or _pins(root).get(name)
    if expected and digest != str(expected).lower().removeprefix("sha256:"):
        file.unlink(missing_ok=True)
        raise ModelError(f"checksum mismatch for {name}: expected {expected}, got {digest}; nothing installed")
    pkg = install_file(file, root, str(entry.get("from_code")), str(entry.get("to_code")))
    if not expected:  # trust on first use: record it, check it next time
        pins = {**_recorded_pins(root), name: digest}
        with atomic_open(root / PIN_FILE, "w", encoding="utf-8") as fh:
            fh.write(json.dumps(pins, indent=2, sort_keys=True) + "\n")
    file.unlink(missing_ok=True)
    return pkg


# -- verify and remove ---------------------------------------------------------


def verify(name: str | None = None, directory: str | Path | None = None) -> list[tuple[str, str | None]]:
    """Check installed packages: files, metadata, loads, translates one sentence.
    Returns (name, problem or None) per package."""
    from translate.translator import Engine

    root = packages_dir(directory)
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")) if root.is_dir() else []
    if name:
        folders = [p for p in folders if p.name == name]
        if not folders:
            raise ModelError(f"no installed package named {name!r} in {root}")
    results: list[tuple[str, str | None]] = []
    for folder in folders:
        try:
            pkg = validate_folder(folder, "installed")
            for key in ("from_code", "to_code"):
                if not isinstance(pkg.metadata.get(key), str) or not pkg.metadata[key]:
                    raise ModelError(f"metadata.json has no {key}")
            out = Engine(pkg).translate(["Das ist ein Test."])[0]
            if not out.text.strip():
                raise ModelError("translated a test sentence to nothing")
            results.append((folder.name, None))
        except ModelError as exc:
            results.append((folder.name, exc.message))
    return results


def remove(name: str, directory: str | Path | None = None) -> str:
    """Remove an installed package (renamed aside first, so a crash leaves no half package)."""
    root = packages_dir(directory)
    target = root / name
    if not name or "/" in name or name.startswith(".") or not target.is_dir():
        raise ModelError(f"no installed package named {name!r} in {root}")
    aside = root / f".removing-{name}"
    shutil.rmtree(aside, ignore_errors=True)
    target.rename(aside)
    shutil.rmtree(aside, ignore_errors=True)
    return str(target)
