"""No process outlives its run: workers end with the main process, scratch folders go with it.

Real builds of a vault big enough for worker processes, stopped while they read (the
`reading:STOP` crash point), then ended as a user's `kill -9`, a closed terminal or Ctrl-C would.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from anki_export.cards.vault import PARALLEL_FROM
from anki_export.scratch import PREFIX, start_time, sweep
from anki_export.workflow import CRASH_POINT
from tests.conftest import EXAMPLE, ROOT

pytestmark = [
    pytest.mark.skipif(sys.platform != "linux",
                       reason="finds a run's processes, open files and locks in /proc (Linux)"),
    pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: builds use no workers"),
]

LOCKED = "another anki-export build is writing"
PATIENCE = 30.0
"""Seconds to wait for something that takes milliseconds: a guard against hanging, not a timing."""


def _vault(root: Path, notes: int = PARALLEL_FROM + 8) -> Path:
    """Copies of the example note with their own annotation keys and citekeys."""
    text = EXAMPLE.read_text(encoding="utf-8")
    (root / ".obsidian").mkdir(parents=True)
    for number in range(notes):
        copy = re.sub(r"annotation=([A-Z0-9]{4})[A-Z0-9]{4}", rf"annotation=\g<1>{number:04d}",
                      text)
        copy = copy.replace("citekey: DoesSGDProduce", f"citekey: DoesSGDProduce{number}")
        (root / f"note{number:03d}.md").write_text(copy, encoding="utf-8")
    return root


class Builds:
    """`anki-export build` of one vault, as subprocesses with their own temp folder."""

    def __init__(self, tmp_path: Path) -> None:
        self.vault = _vault(tmp_path / "vault")
        self.out = tmp_path / "deck.apkg"
        self.temp = tmp_path / "temp"
        self.temp.mkdir()
        self.started: list[subprocess.Popen[str]] = []
        self.workers: list[tuple[int, int | None]] = []
        """Pid and start time of every worker seen, so that a reused pid is never killed."""

    def start(self, *args: str, stop_reading: bool = False,
              new_session: bool = False) -> subprocess.Popen[str]:
        env = {**os.environ, "TMPDIR": str(self.temp), "PYTHONPATH": str(ROOT)}
        env.pop(CRASH_POINT, None)
        if stop_reading:
            env[CRASH_POINT] = "reading:STOP"
        process = subprocess.Popen(
            [sys.executable, "-m", "anki_export", "build", str(self.vault), "-o", str(self.out),
             "--quiet", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, start_new_session=new_session)
        self.started.append(process)
        return process

    def run(self, *args: str) -> tuple[int, str]:
        process = self.start(*args)
        _, errors = process.communicate()
        return process.returncode, errors

    def scratch(self) -> list[str]:
        return sorted(path.name for path in self.temp.iterdir())

    def end_all(self) -> None:
        """After a failed test: no build of it, nor any of their workers, goes on running."""
        for process in self.started:
            _end_with_children(process)
        _end(self.workers)

    def workers_of(self, build: subprocess.Popen[str]) -> list[int]:
        """The workers of a build stopped at its `reading` point."""
        _until(lambda: _status(build.pid) == "T" or build.poll() is not None,
               "the build to stop")
        assert build.poll() is None, build.communicate()[1]
        workers = _children(build.pid)
        self.workers += [(worker, start_time(worker)) for worker in workers]
        assert len(workers) >= 2
        return workers


@pytest.fixture
def builds(tmp_path: Path) -> Iterator[Builds]:
    started = Builds(tmp_path)
    yield started
    started.end_all()


def _end_with_children(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        _end([(child, start_time(child)) for child in _children(process.pid)])
        process.kill()
        process.communicate()


def _end(processes: list[tuple[int, int | None]]) -> None:
    """Kill the processes still running, by pid and start time."""
    for pid, started in processes:
        if not _gone(pid) and start_time(pid) == started:
            os.kill(pid, signal.SIGKILL)


def _status(pid: int) -> str | None:
    """The state letter of a process (`R`, `S`, `T` stopped, `Z` dead...), None if none."""
    try:
        line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return line[line.rfind(")") + 2]


def _gone(pid: int) -> bool:
    """Ended: no such process, or a dead one not yet reaped."""
    return _status(pid) in (None, "Z", "X")


def _children(pid: int) -> list[int]:
    return [int(child) for threads in Path(f"/proc/{pid}/task").glob("*/children")
            for child in threads.read_text(encoding="ascii").split()]


def _holds_a_lock(pid: int) -> bool:
    """Whether any file the process has open carries a lock through it (flock or fcntl)."""
    for info in Path(f"/proc/{pid}/fdinfo").iterdir():
        try:
            if "lock:" in info.read_text(encoding="ascii", errors="replace"):
                return True
        except FileNotFoundError:
            continue  # closed meanwhile
    return False


def _until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"waited {PATIENCE} s for {what}")
        time.sleep(0.02)


def _errors_when_ended(build: subprocess.Popen[str]) -> str:
    try:
        return build.communicate(timeout=PATIENCE)[1]
    except subprocess.TimeoutExpired:
        _end_with_children(build)
        pytest.fail(f"the build did not end within {PATIENCE} s")


def test_killing_the_main_process_alone_ends_its_workers_and_frees_the_state(
    builds: Builds,
) -> None:
    assert builds.run()[0] == 0  # a state file, which the next build locks
    killed = builds.start("--deck", "Other", stop_reading=True)  # another deck: every file read
    workers = builds.workers_of(killed)
    assert _holds_a_lock(killed.pid)
    assert not any(_holds_a_lock(worker) for worker in workers)
    assert builds.scratch() != []

    killed.send_signal(signal.SIGKILL)
    assert killed.wait() == -signal.SIGKILL
    _until(lambda: all(_gone(worker) for worker in workers), "the workers to end")
    killed.communicate()

    code, errors = builds.run("--deck", "Other")
    assert LOCKED not in errors
    assert code == 0, errors
    assert builds.scratch() == []  # the killed run's scratch folder, swept


@pytest.mark.parametrize(("name", "to_group", "code"), [
    ("TERM", False, 128 + signal.SIGTERM),
    ("HUP", False, 128 + signal.SIGHUP),  # the terminal was closed
    ("INT", False, 1),
    ("INT", True, 1),  # Ctrl-C in a terminal: every process of the build gets it
], ids=["sigterm", "sighup", "sigint", "ctrl-c"])
def test_a_build_ended_by_a_signal_leaves_no_workers_no_scratch_and_no_traceback(
    builds: Builds, name: str, to_group: bool, code: int
) -> None:
    build = builds.start(stop_reading=True, new_session=to_group)
    workers = builds.workers_of(build)
    # Once the stopped build reads no more results, its workers wait (to send, or for work).
    _until(lambda: all(_status(worker) == "S" for worker in workers), "the workers to wait")
    number = getattr(signal, f"SIG{name}")
    if to_group:
        os.killpg(build.pid, number)
    else:
        build.send_signal(number)
    build.send_signal(signal.SIGCONT)
    errors = _errors_when_ended(build)
    assert build.returncode == code, errors
    assert "Traceback" not in errors
    _until(lambda: all(_gone(worker) for worker in workers), "the workers to end")
    assert builds.scratch() == []
    assert not builds.out.exists()


def _scratch_with_a_file(folder: Path, pid: int, started: int | None) -> Path:
    scratch = folder / f"{PREFIX}{pid}-{started or 0}-x1y2z3"
    scratch.mkdir()
    (scratch / "collection.anki2").write_bytes(b"notes")
    return scratch


def test_a_scratch_folder_of_a_live_process_is_never_swept(tmp_path: Path) -> None:
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        folders = [_scratch_with_a_file(tmp_path, live.pid, start_time(live.pid)),
                   _scratch_with_a_file(tmp_path, os.getpid(), start_time(os.getpid()))]
        unknown_start = tmp_path / "unknown"
        unknown_start.mkdir()
        folders.append(_scratch_with_a_file(unknown_start, live.pid, 0))
        assert sweep(tmp_path) == []
        assert sweep(unknown_start) == []
        assert all((folder / "collection.anki2").exists() for folder in folders)
    finally:
        live.kill()
        live.wait()


def test_a_scratch_folder_of_a_dead_process_is_swept(tmp_path: Path) -> None:
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                           capture_output=True, text=True, check=True)
    dead = _scratch_with_a_file(tmp_path, int(ended.stdout), 12345)
    assert sweep(tmp_path) == [dead]
    assert not dead.exists()


def test_a_scratch_folder_whose_pid_now_names_another_process_is_swept(tmp_path: Path) -> None:
    started = start_time(os.getpid())
    assert started is not None
    reused = _scratch_with_a_file(tmp_path, os.getpid(), started - 1)
    assert sweep(tmp_path) == [reused]


def test_sweeping_leaves_what_is_not_a_scratch_folder_of_ours_alone(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    older_version = tmp_path / f"{PREFIX}k2j4h5g6"
    older_version.mkdir()
    a_file = tmp_path / f"{PREFIX}{dead}-1-file"
    a_file.write_text("not a folder", encoding="utf-8")
    target = tmp_path / "elsewhere"
    target.mkdir()
    (target / "keep.txt").write_text("keep", encoding="utf-8")
    (tmp_path / f"{PREFIX}{dead}-1-link").symlink_to(target, target_is_directory=True)
    assert sweep(tmp_path) == []
    assert older_version.exists() and a_file.exists() and (target / "keep.txt").exists()


WATCHED_POOL = """
import multiprocessing, os, sys, time
from concurrent.futures import ProcessPoolExecutor
from anki_export.cards.workers import watch_parent

if __name__ == "__main__":
    method = sys.argv[1]
    pool = ProcessPoolExecutor(2, mp_context=multiprocessing.get_context(method),
                               initializer=watch_parent, initargs=(os.getpid(), method))
    list(pool.map(abs, range(8)))
    print("ready", flush=True)
    time.sleep(600)
"""


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_without_a_parent_death_signal_still_end_with_their_parent(
    tmp_path: Path, method: str
) -> None:
    # What macOS and Windows rely on (spawn), and Linux should prctl be refused (fork).
    script = tmp_path / "pool.py"
    script.write_text(WATCHED_POOL, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script), method], stdout=subprocess.PIPE,
                              text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    children: list[tuple[int, int | None]] = []
    try:
        assert parent.stdout is not None
        assert parent.stdout.readline() == "ready\n"
        # The workers (and, with spawn, multiprocessing's resource tracker).
        children += [(child, start_time(child)) for child in _children(parent.pid)]
        assert len(children) >= 2
        parent.kill()
        parent.communicate()
        _until(lambda: all(_gone(child) for child, _ in children), "the workers to end")
    finally:
        _end_with_children(parent)
        _end(children)
