"""The one output writer (govmodel.output.write_output) and the CLI's output and encoding errors:
every case here failed, or destroyed something, before the writer existed (issue 10, classes 3,
5 and 6)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from govmodel.cli import main
from govmodel.output import TEMP_SUFFIX, OutputError, OutputExists, write_output

ROOT = Path(__file__).resolve().parent.parent
SMALL = str(ROOT / "tests" / "data" / "small_model.yaml")
A = str(ROOT / "models" / "ownership_a.yaml")


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(TEMP_SUFFIX))


@pytest.fixture
def umask_027():
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


def test_new_file_is_written_and_honours_the_umask(tmp_path, umask_027):
    target = tmp_path / "report.md"
    write_output(target, "Styret – æøå\n")
    assert target.read_text(encoding="utf-8") == "Styret – æøå\n"
    # 0666 minus the umask 027: neither 0644 (the old diagram rule) nor 0600 (the old report rule)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    os.umask(0o002)
    other = tmp_path / "other.png"
    write_output(other, b"\x89PNG")
    assert stat.S_IMODE(other.stat().st_mode) == 0o664
    assert leftovers(tmp_path) == []


def test_existing_file_needs_force_and_keeps_its_mode(tmp_path):
    target = tmp_path / "a.svg"
    target.write_text("old")
    target.chmod(0o600)
    with pytest.raises(OutputExists, match="use --force"):
        write_output(target, "new")
    assert target.read_text() == "old"
    with pytest.raises(FileExistsError):  # callers that ask before overwriting catch this
        write_output(target, "new")
    write_output(target, "new", force=True)
    assert target.read_text() == "new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_directory_is_refused_even_with_force(tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "keep").write_text("x")
    with pytest.raises(OutputError, match="is a directory"):
        write_output(folder, "data", force=True)
    assert folder.is_dir() and (folder / "keep").read_text() == "x"


def test_dev_null_is_written_into_never_replaced():
    before = os.stat("/dev/null")
    write_output("/dev/null", "nothing to see\n", force=True)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode)
    assert (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_dev_full_is_a_clear_error():
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    with pytest.raises(OutputError, match="no space left"):
        write_output("/dev/full", "x" * 10, force=True)


def test_a_fifo_is_written_into_and_stays_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there; the data fits
    try:
        write_output(fifo, "through the pipe", force=True)
        assert os.read(reader, 65536) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_without_a_reader_is_an_error_not_a_hang(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(OutputError, match="no process is reading"):
        write_output(fifo, "x")
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_missing_folder_and_path_through_a_file(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        write_output(tmp_path / "no" / "such.md", "x")
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_output(tmp_path / "file" / "x.md", "x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into any folder")
def test_unwritable_folder(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="permission denied"):
            write_output(folder / "x.md", "x")
    finally:
        folder.chmod(0o700)


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.md"
    real.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    with pytest.raises(OutputExists):
        write_output(link, "new")
    write_output(link, "new", force=True)
    assert link.is_symlink() and real.read_text() == "new"


def test_dash_is_standard_output(capfdbinary, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write_output("-", "tekst æ\n")
    write_output("-", b"\x00bytes")
    out, _ = capfdbinary.readouterr()
    assert out == "tekst æ\n".encode() + b"\x00bytes"
    assert not (tmp_path / "-").exists()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    # a real failure half-way through the write: a child process whose files may not grow
    # past 4 bytes (RLIMIT_FSIZE; the kernel refuses the rest with EFBIG, as a full disk
    # refuses it with ENOSPC) replaces a file with a longer text
    target = tmp_path / "a.md"
    target.write_text("old")
    code = (
        "import resource, signal, sys\n"
        "from govmodel.output import OutputError, write_output\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (4, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))\n"
        "try:\n"
        "    write_output(sys.argv[1], 'a new text, longer than four bytes', force=True)\n"
        "except OutputError as exc:\n"
        "    print(exc)\n"
    )
    child = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, check=True
    )
    assert child.stdout.strip() == f"cannot write {target}: File too large"
    assert target.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_killed_writers_temporary_is_removed_by_the_next_write(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    pid = int(dead.stdout)  # that process has exited
    stale = tmp_path / f".a.md.{pid}.0123456789abcdef{TEMP_SUFFIX}"
    stale.write_text("half")
    alive = tmp_path / f".a.md.{os.getppid()}.0123456789abcdef{TEMP_SUFFIX}"
    alive.write_text("in progress")
    unrelated = tmp_path / ".a.md.tmp"
    unrelated.write_text("not ours")
    write_output(tmp_path / "b.md", "x")
    assert not stale.exists()
    assert alive.exists() and unrelated.exists()


# -- the CLI ---------------------------------------------------------------------------------


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_dash_writes_standard_output(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "evaluate", SMALL, "--no-sensitivity", "-o", "-")
    assert code == 0, err
    assert "Utvidet egenregi" in out or "in-house" in out.lower()
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("target", "message"),
    [("DIR", "directory"), ("/dev/full", "no space left"), ("EXISTING", "use --force")],
)
def test_evaluate_output_errors_are_user_errors(capsys, tmp_path, target, message):
    if target == "/dev/full" and not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full")
    existing = tmp_path / "existing.md"
    existing.write_text("keep")
    path = {"DIR": str(tmp_path), "EXISTING": str(existing)}.get(target, target)
    code, _, err = run(capsys, "evaluate", SMALL, "--no-sensitivity", "-o", path)
    assert code == 2
    assert message in err and "Traceback" not in err and "internal error" not in err
    assert existing.read_text() == "keep"


@pytest.mark.parametrize(
    "argv",
    [
        ("evaluate", SMALL, "--no-sensitivity", "--authorities", ","),
        ("evaluate", SMALL, "--no-sensitivity", "--authorities", ""),
        ("coalition", SMALL, "--members", ","),
        ("coalition", SMALL, "--members", " , "),
    ],
)
def test_empty_id_lists_are_usage_errors(capsys, argv):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert "names no ids" in err and out == ""


def test_a_real_id_list_still_runs(capsys):
    code, _, err = run(capsys, "coalition", A, "--members", "ks,", "--format", "json")
    assert code == 0, err


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_an_encoding_without_norwegian_letters_does_not_crash(encoding):
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    proc = subprocess.run(
        [sys.executable, "-m", "govmodel.cli", "show", A],
        capture_output=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    err = proc.stderr.decode("ascii", "replace")
    assert proc.returncode == 0, err
    assert "UnicodeEncodeError" not in err and "Traceback" not in err
    text = proc.stdout.decode(encoding)
    assert "Ownership model A" in text
    if encoding == "ascii":  # not encodable: written as escapes, not dropped
        assert "\\xe5" in text or "\\xf8" in text


def test_dot_on_standard_output_stays_utf8_under_an_ascii_terminal():
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run(
        [sys.executable, "-m", "govmodel.cli", "diagram", A],
        capture_output=True,
        env=env,
        check=False,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr.decode("ascii", "replace")
    assert "Fylkesmøtene i KS".encode() in proc.stdout  # UTF-8, not \\xf8 escapes
