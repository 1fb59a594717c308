"""The sandbox's read-only web page, as a person sees it in (headless) Chromium."""

from __future__ import annotations

import http.client
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from ftpub.sandbox.testing import SandboxProcess
from ftpub.sandbox.web.links import new_login_link

from . import chromium

DOCS_IMAGE = Path(__file__).parents[2] / "docs" / "images" / "web_task_page.png"


class Site:
    """A sandbox with the demo published into it, and the demo's printed login link."""

    def __init__(self, running: SandboxProcess, demo_output: str) -> None:
        self.running = running
        self.url = running.url
        self.demo_output = demo_output
        links = re.findall(r"(http://\S+/web/login\?token=\S+)", demo_output)
        self.demo_link = links[-1]

    def link(self, page: str = "") -> str:
        return new_login_link(self.running.data_dir, self.url, self.running.api_user, page)

    def task_id(self) -> str:
        session = self.running.session()
        try:
            return session.query(
                'select id from Task where name is "compositing" and parent.name is "sh010"'
            ).one()["id"]
        finally:
            session.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("web")
    with SandboxProcess(folder / "sandbox", test_hooks=False) as running:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("FTRACK_", "FTPUB_"))}
        env.update(XDG_STATE_HOME=str(folder / "state"), XDG_DATA_HOME=str(folder / "data"))
        done = subprocess.run(
            [sys.executable, "-m", "ftpub.core.cli", "demo", "--data", str(running.data_dir)],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        yield Site(running, done.stdout)


def test_the_demo_link_logs_in_once_and_the_page_never_shows_the_key(site: Site) -> None:
    first = requests.get(site.demo_link, allow_redirects=False, timeout=30)
    assert first.status_code == 303
    assert first.headers["Location"] == "/"
    cookie = first.cookies["ftpub_web"]
    assert "HttpOnly" in first.headers["Set-Cookie"]

    again = requests.get(site.demo_link, allow_redirects=False, timeout=30)
    assert again.status_code == 401
    assert "used already or has expired" in again.text

    page = requests.get(f"{site.url}/", cookies={"ftpub_web": cookie}, timeout=30)
    assert "Demo Project" in page.text
    assert site.running.api_key not in page.text
    assert site.running.api_key not in site.running.log()


def test_login_with_the_api_key_and_nothing_without_it(site: Site) -> None:
    task = site.task_id()
    anonymous = requests.get(f"{site.url}/?task={task}", timeout=30)
    assert "<form method='post' action='/web/login'>" in anonymous.text
    assert "compositing" not in anonymous.text
    assert requests.get(f"{site.url}/web/file?id={task}", timeout=30).status_code == 401

    wrong = requests.post(
        f"{site.url}/web/login",
        data={"username": site.running.api_user, "api_key": "not-the-key"},
        allow_redirects=False,
        timeout=30,
    )
    assert wrong.status_code == 401
    with requests.Session() as browser:
        right = browser.post(
            f"{site.url}/web/login",
            data={"username": site.running.api_user, "api_key": site.running.api_key},
            timeout=30,
        )
        assert right.status_code == 200
        assert "Demo Project" in right.text
        assert browser.post(f"{site.url}/", timeout=30).status_code == 405
        assert browser.get(f"{site.url}/?task=x%22%20or", timeout=30).status_code == 404


def test_projects_then_hierarchy_then_tasks_in_chromium(site: Site, tmp_path: Path) -> None:
    projects = chromium.dump_dom(site.link(), tmp_path / "profile")
    project_id = re.search(r'href="/\?project=([0-9a-f-]+)">Demo Project</a>', projects)
    assert project_id is not None

    hierarchy = chromium.dump_dom(site.link(f"/?project={project_id[1]}"), tmp_path / "p2")
    assert "sq010" in hierarchy and "sh010" in hierarchy and "hero" in hierarchy
    assert f'<a href="/?task={site.task_id()}">compositing</a>' in hierarchy


def test_a_tasks_versions_show_thumbnail_comment_paths_and_the_playing_review(
    site: Site, tmp_path: Path
) -> None:
    dom = chromium.dump_dom(site.link(f"/?task={site.task_id()}"), tmp_path / "profile")
    assert "<h2>hero v001</h2>" in dom and "<h2>sh010_beauty v001</h2>" in dom
    assert dom.count('<p class="comment">ftpub demo</p>') == 2
    assert re.search(r'<img alt="thumbnail" src="/web/file\?id=[0-9a-f-]+">', dom)
    assert "/demo/sq010/sh010/publish/img/sh010_beauty/v001/sh010_beauty_v001_png.%04d.png" in dom
    assert "/demo/sq010/sh010/publish/geo/hero/v001/hero_v001_abc.abc" in dom
    video = re.search(r"<video [^>]*>", dom)
    assert video is not None
    assert 'data-state="playing"' in video[0]


def test_screenshot_of_a_task_page(site: Site, tmp_path: Path) -> None:
    shot = chromium.screenshot(
        site.link(f"/?task={site.task_id()}"), tmp_path / "profile", tmp_path / "task.png"
    )
    assert chromium.size(shot) == (1200, 900)
    media = chromium.region_stddev(shot, 38, 290, 320, 380)
    blank = chromium.region_stddev(shot, 1140, 600, 60, 300)
    assert min(media) > 0.2, "the thumbnail and the review movie are drawn"
    assert max(blank) < 0.01, "the page's background is plain"
    DOCS_IMAGE.parent.mkdir(parents=True, exist_ok=True)
    if os.environ.get("FTPUB_UPDATE_SCREENSHOTS"):
        shutil.copyfile(shot, DOCS_IMAGE)
    assert DOCS_IMAGE.exists(), "docs/images/web_task_page.png is committed"


def test_a_login_keeps_its_connection_usable_for_the_next_request(site: Site) -> None:
    from urllib.parse import urlencode, urlsplit

    address = urlsplit(site.url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        form = urlencode({"username": site.running.api_user, "api_key": site.running.api_key})
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        connection.request("POST", "/web/login", body=form, headers=headers)
        login = connection.getresponse()
        login.read()
        assert login.status == 303
        time.sleep(0.2)  # a server that closed the connection has done so by now
        cookie = login.getheader("Set-Cookie", "").split(";")[0]
        connection.request("GET", "/", headers={"Cookie": cookie})
        page = connection.getresponse()
        assert (page.status, "Demo Project" in page.read().decode()) == (200, True)
    finally:
        connection.close()
