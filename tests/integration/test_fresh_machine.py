"""Setup that owns its state: the CUPS label queue has its device file and each label replaces it,
CI runs the suite after a reset, and the reset removes the test user's omsdesk folders and caches
but never a home folder."""

from __future__ import annotations

import os
import re
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.fixtures.servers import ZplQueue

ROOT = Path(__file__).resolve().parents[2]
RESET = ROOT / "scripts" / "reset-test-state.sh"


def reset_function(name: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run one function of reset-test-state.sh (sourced, so nothing else of it runs)."""
    script = f'source "{RESET}"; {name} "$@"'
    return subprocess.run(["bash", "-c", script, "reset", *args], capture_output=True, text=True,
                          env={**os.environ, **env}, timeout=60)


@pytest.mark.cups
def test_the_zpl_device_file_exists_before_any_job(zpl_queue: ZplQueue) -> None:
    # CUPS 2.4 does not create it: without it every label job stops and the tests wait 60 s.
    assert zpl_queue.device_file.is_file()
    assert os.access(zpl_queue.device_file, os.R_OK)


@pytest.mark.cups
def test_a_short_label_after_a_long_one_arrives_alone(zpl_queue: ZplQueue, tmp_path: Path) -> None:
    # cupsd does not truncate the device file; the queue's filter does, or the tail of the
    # long label would follow the short one.
    long_label = b"^XA" + b"^FO10,10^FDlong^FS" * 200 + b"^XZ"
    short_label = b"^XA^FDshort " + uuid.uuid4().hex.encode() + b"^FS^XZ"
    assert zpl_queue.wait_for_output(zpl_queue.submit(long_label, tmp_path)) == long_label
    assert zpl_queue.wait_for_output(zpl_queue.submit(short_label, tmp_path)) == short_label


def test_ci_runs_the_suite_on_a_reset_machine() -> None:
    commands = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()
                if line.strip() and not line.lstrip().startswith("#")]
    assert "make test-fresh" in commands
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^test-fresh: reset-test-state$", makefile, re.M)
    assert re.search(r"^reset-test-state:\n\t@bash scripts/reset-test-state.sh$", makefile, re.M)


def test_reset_removes_the_omsdesk_folders_and_temp_caches(tmp_path: Path) -> None:
    config, data, tmp = tmp_path / "cfg", tmp_path / "data", tmp_path / "tmp"
    for folder in (config, data, tmp / "omsdesk-tryton-cache", tmp / "omsdesk-test-cache",
                   tmp / "omsdesk-keyring.x1"):
        folder.mkdir(parents=True)
        (folder / "left-over").write_text("x")
    (tmp / "other-program").mkdir()
    env = {"OMSDESK_CONFIG_DIR": str(config), "OMSDESK_DATA_DIR": str(data), "TMPDIR": str(tmp)}
    for step in ("reset_user_folders", "reset_caches"):
        done = reset_function(step, env=env)
        assert done.returncode == 0, done.stderr
    assert not config.exists() and not data.exists()
    assert sorted(p.name for p in tmp.iterdir()) == ["other-program"]


def test_reset_keeps_a_tryton_cache_outside_the_temp_folder(tmp_path: Path) -> None:
    cache = tmp_path / "mine" / "tryton"
    cache.mkdir(parents=True)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    done = reset_function("reset_caches", env={"TMPDIR": str(tmp), "OMSDESK_TRYTON_CACHE": str(cache)})
    assert done.returncode == 0, done.stderr
    assert cache.is_dir() and "keeping the Tryton cache" in done.stderr


def test_reset_never_removes_the_home_folder(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "precious").write_text("x")
    done = reset_function("remove_folder", str(home / "."), env={"HOME": str(home)})
    assert done.returncode == 1 and "not removing" in done.stderr
    assert (home / "precious").exists()
