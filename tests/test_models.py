"""The model manager against a real HTTP server on 127.0.0.1 (no mocks), and unsafe archives."""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
import zipfile
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURE_MODEL
from translate.cli import app
from translate.errors import ModelError, NetworkError
from translate.models import install_file, install_from_index, remove, verify
from translate.package import installed_packages

runner = CliRunner()
FIXTURE_BYTES = FIXTURE_MODEL.read_bytes()
FIXTURE_SHA = hashlib.sha256(FIXTURE_BYTES).hexdigest()


class Server:
    """Serves /index.json and /pkg.argosmodel (with Range support); records requests."""

    def __init__(self, sha: str | None = FIXTURE_SHA, payload: bytes = FIXTURE_BYTES, cut_first: int = 0):
        self.payload, self.requests, self.cut_first = payload, [], cut_first
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802
                outer.requests.append((self.path, self.headers.get("Range")))
                if self.path == "/index.json":
                    entry = {"type": "translate", "code": "translate-de_en", "from_code": "de", "to_code": "en",
                             "package_version": "1.0", "from_name": "German", "to_name": "English",
                             "links": [f"http://127.0.0.1:{outer.port}/pkg.argosmodel"]}
                    if sha:
                        entry["sha256"] = sha
                    body = json.dumps([entry]).encode()
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                data, start = outer.payload, 0
                rng = self.headers.get("Range")
                if rng:
                    start = int(rng.split("=")[1].split("-")[0])
                    self.send_response(206)
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                if outer.cut_first and not rng:  # first attempt: send part, then drop the connection
                    self.wfile.write(data[: outer.cut_first])
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(data[start:])

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def index(self) -> str:
        return f"http://127.0.0.1:{self.port}/index.json"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


def test_install_by_language_pair_from_index(server: Server, tmp_path: Path) -> None:
    pkgs = tmp_path / "pkgs"
    result = runner.invoke(app, ["models", "install", "de", "en", "--index", server.index,
                                 "--packages-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    assert [p.name for p in installed_packages(pkgs)] == ["translate-de_en-fixture-1_0"]
    listed = runner.invoke(app, ["models", "list", "--packages-dir", str(pkgs)])
    assert "translate-de_en-fixture-1_0\tde→en\t1.0" in listed.output
    assert verify(None, pkgs) == [("translate-de_en-fixture-1_0", None)]
    # no download left behind
    assert list((pkgs / ".downloads").iterdir()) == []


def test_progress_bar_is_shown(server: Server, tmp_path: Path) -> None:
    from io import StringIO

    from rich.console import Console

    buf = StringIO()
    console = Console(file=buf, force_terminal=True, width=100)
    install_from_index(["de", "en"], tmp_path / "p", index=server.index, progress=console)
    shown = buf.getvalue()
    assert "translate-de_en-1_0.argosmodel" in shown and "MB" in shown


def test_wrong_checksum_is_refused_and_nothing_installed(tmp_path: Path) -> None:
    s = Server(sha="0" * 64)
    try:
        with pytest.raises(ModelError, match="checksum mismatch"):
            install_from_index(["de", "en"], tmp_path / "p", index=s.index, retries=1)
    finally:
        s.close()
    assert installed_packages(tmp_path / "p") == []


def test_checksum_recorded_on_first_install(tmp_path: Path) -> None:
    s = Server(sha=None)
    try:
        install_from_index(["translate-de_en"], tmp_path / "p", index=s.index)
    finally:
        s.close()
    pins = json.loads((tmp_path / "p" / ".translate-sha256.json").read_text())
    assert pins == {"translate-de_en-1_0": FIXTURE_SHA}


def test_interrupted_download_resumes(tmp_path: Path) -> None:
    s = Server(cut_first=300_000)
    try:
        install_from_index(["de", "en"], tmp_path / "p", index=s.index, retries=3)
    finally:
        s.close()
    ranges = [r for path, r in s.requests if path == "/pkg.argosmodel"]
    assert ranges[0] is None and ranges[1] == "bytes=300000-"
    assert [p.name for p in installed_packages(tmp_path / "p")] == ["translate-de_en-fixture-1_0"]


def test_stalled_server_fails_within_timeout(tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(5)  # accepts connections, never answers
    port = sock.getsockname()[1]
    try:
        t0 = time.monotonic()
        result = runner.invoke(app, ["models", "install", "de", "en", "--index", f"http://127.0.0.1:{port}/",
                                     "--packages-dir", str(tmp_path / "p"), "--timeout", "1", "--retries", "1"])
        elapsed = time.monotonic() - t0
    finally:
        sock.close()
    assert result.exit_code == 5, result.output
    assert result.output.startswith("error: cannot fetch the package index") and "Traceback" not in result.output
    assert elapsed < 10


def test_no_network_is_one_line(tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there
    with pytest.raises(NetworkError, match="cannot fetch"):
        install_from_index(["de", "en"], tmp_path / "p", index=f"http://127.0.0.1:{port}/index.json", timeout=2)


def test_install_from_file_then_remove(tmp_path: Path) -> None:
    pkgs = tmp_path / "p"
    result = runner.invoke(app, ["models", "install", str(FIXTURE_MODEL), "--packages-dir", str(pkgs)])
    assert result.exit_code == 0, result.output
    ver = runner.invoke(app, ["models", "verify", "--packages-dir", str(pkgs)])
    assert ver.exit_code == 0 and "OK" in ver.output
    # the installed package is found by `article` with no --model
    remove("translate-de_en-fixture-1_0", pkgs)
    assert installed_packages(pkgs) == []
    assert runner.invoke(app, ["models", "remove", "nope", "--packages-dir", str(pkgs)]).exit_code == 7
    empty = runner.invoke(app, ["models", "list", "--packages-dir", str(pkgs)])
    assert empty.exit_code == 0 and "translate models install de en" in empty.output  # says what to do


def test_a_package_of_another_pair_installs_with_a_note(tmp_path: Path) -> None:
    """argospm's way: any pair installs; `translate` says it will not use it, and what it needs."""
    import json

    other = tmp_path / "translate-en_de-x.argosmodel"
    with zipfile.ZipFile(FIXTURE_MODEL) as src, zipfile.ZipFile(other, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("metadata.json"):
                data = json.dumps({**json.loads(data), "from_code": "en", "to_code": "de"}).encode()
            dst.writestr(item, data)
    result = runner.invoke(app, ["models", "install", str(other), "--packages-dir", str(tmp_path / "p")])
    assert result.exit_code == 0, result.output
    assert "(en→de" in result.stdout and "translate uses German→English" in result.stderr
    mine = runner.invoke(app, ["models", "install", str(FIXTURE_MODEL), "--packages-dir", str(tmp_path / "q")])
    assert mine.exit_code == 0 and mine.stderr == ""


def _zip(path: Path, members: dict[str, bytes], symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = 0o120777 << 16
            z.writestr(info, "/etc/passwd")
    return path


GOOD = {"pkg/metadata.json": b'{"from_code": "de", "to_code": "en"}', "pkg/model/model.bin": b"x",
        "pkg/sentencepiece.model": b"x"}


@pytest.mark.parametrize(("members", "link", "message"), [
    ({**GOOD, "../evil.txt": b"x"}, None, "'..'"),
    ({**GOOD, "/abs/evil.txt": b"x"}, None, "absolute"),
    (GOOD, "pkg/link", "link"),
    ({**GOOD, "other/x": b"x"}, None, "one top-level folder"),
    ({k: v for k, v in GOOD.items() if "metadata" not in k}, None, "metadata.json"),
    ({k: v for k, v in GOOD.items() if "sentencepiece" not in k}, None, "tokenizer"),
])
def test_unsafe_or_malformed_archives_are_refused(tmp_path: Path, members, link, message) -> None:  # noqa: ANN001
    pkgs = tmp_path / "p"
    pkgs.mkdir()
    (pkgs / "existing").mkdir()
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    with pytest.raises(ModelError, match=message):
        install_file(_zip(tmp_path / "bad.argosmodel", members, link), pkgs)
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert after == before + [Path("bad.argosmodel")] or after == sorted(before + [Path("bad.argosmodel")])
    assert not (tmp_path / "evil.txt").exists()


def test_corrupt_zip_and_wrong_pair(tmp_path: Path) -> None:
    bad = tmp_path / "trunc.argosmodel"
    bad.write_bytes(FIXTURE_BYTES[: len(FIXTURE_BYTES) // 2])
    with pytest.raises(ModelError):
        install_file(bad, tmp_path / "p")
    with pytest.raises(ModelError, match="not en→de"):
        install_file(FIXTURE_MODEL, tmp_path / "p", "en", "de")
    assert installed_packages(tmp_path / "p") == []


def test_models_help_documents_every_command() -> None:
    out = runner.invoke(app, ["models", "--help"]).output
    for cmd in ("list", "install", "verify", "remove"):
        assert cmd in out


def test_install_dispatch_folder_file_or_name_never_guesses_the_network(tmp_path: Path) -> None:
    """A package folder installs offline; a folder or file that is no package is one line, no socket."""
    import sys

    events: list[str] = []
    watching = {"on": True}

    def audit(event: str, args: tuple) -> None:
        if watching["on"] and event.startswith("socket."):
            events.append(event)

    sys.addaudithook(audit)
    try:
        unpacked = tmp_path / "unpacked"
        unpacked.mkdir()
        with zipfile.ZipFile(FIXTURE_MODEL) as z:
            z.extractall(unpacked)
        pkgs = tmp_path / "pkgs"
        ok = runner.invoke(app, ["models", "install", str(unpacked), "--packages-dir", str(pkgs)])
        assert ok.exit_code == 0, ok.output
        assert [p.name for p in installed_packages(pkgs)] == ["translate-de_en-fixture-1_0"]
        empty = tmp_path / "not-a-package"
        empty.mkdir()
        bad = runner.invoke(app, ["models", "install", str(empty), "--packages-dir", str(pkgs)])
        assert bad.exit_code == 7 and bad.output.startswith("error: ") and "not an Argos package" in bad.output
        text = tmp_path / "notes.txt"
        text.write_text("no zip", encoding="utf-8")
        bad_file = runner.invoke(app, ["models", "install", str(text), "--packages-dir", str(pkgs)])
        assert bad_file.exit_code == 7 and "error: " in bad_file.output
    finally:
        watching["on"] = False
    assert events == [], events


def test_package_checksum_is_kept_and_redone_when_a_file_changes(tmp_path: Path) -> None:
    from translate.files import sha256_tree
    from translate.package import CHECKSUM_FILE, open_package

    pkgs = tmp_path / "p"
    assert runner.invoke(app, ["models", "install", str(FIXTURE_MODEL), "--packages-dir", str(pkgs)]).exit_code == 0
    (folder,) = [p for p in pkgs.iterdir() if p.is_dir()]
    first = open_package(folder).checksum
    kept = json.loads((folder / CHECKSUM_FILE).read_text(encoding="utf-8"))
    assert kept["sha256"] == first and first == open_package(folder).checksum
    assert sha256_tree(folder, lambda rel: rel.startswith(("model/", "sentencepiece.model", "metadata.json"))) == first
    meta = folder / "metadata.json"
    meta.write_text(meta.read_text(encoding="utf-8") + " ", encoding="utf-8")  # changed: hashed again
    assert open_package(folder).checksum != first
    (folder / CHECKSUM_FILE).write_text("not json", encoding="utf-8")  # a damaged record is redone
    assert open_package(folder).checksum == open_package(folder).checksum != first


def test_an_archives_checksum_is_kept_and_redone_when_it_changes(tmp_path: Path, monkeypatch) -> None:  # noqa: ANN001
    import shutil

    from translate import package
    from translate.files import sha256_file

    archive = tmp_path / FIXTURE_MODEL.name
    shutil.copy(FIXTURE_MODEL, archive)
    hashed: list[Path] = []
    monkeypatch.setattr(package, "sha256_file", lambda p: hashed.append(p) or sha256_file(p))
    first = package.open_package(archive)
    second = package.open_package(archive)  # the record in the cache: not hashed again
    assert first.path == second.path and hashed == [archive]
    with archive.open("ab") as fh:  # changed (a zip still: trailing bytes are allowed): hashed again
        fh.write(b"\0")
    third = package.open_package(archive)
    assert len(hashed) == 2 and third.path != first.path
    (package.cache_dir() / package.ARCHIVES_FILE).write_text("[1, 2", encoding="utf-8")  # damaged: redone
    assert package.open_package(archive).path == third.path and len(hashed) == 3
