#!/usr/bin/env python3
"""Checks tools/genmail.py: the same seed gives byte-identical mailboxes, the mix is varied."""
import pathlib
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import genmail  # noqa: E402


def snapshot(root):
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def main():
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b, \
            tempfile.TemporaryDirectory() as c:
        one = snapshot(genmail.make_mailbox(pathlib.Path(a) / "M", 200, seed=7))
        two = snapshot(genmail.make_mailbox(pathlib.Path(b) / "M", 200, seed=7))
        other = snapshot(genmail.make_mailbox(pathlib.Path(c) / "M", 200, seed=8))
    assert one == two, "same seed, different mailboxes"
    assert one != other, "different seeds, same mailboxes"
    messages = {k: v for k, v in one.items() if "/cur/" in k}
    assert len(messages) == 200, len(messages)
    blob = b"".join(messages.values())
    for needle in (b"multipart/alternative", b"multipart/mixed", b"multipart/related",
                   b"=?koi8-r?B?", b"=?iso-2022-jp?B?", b"=?gb2312?B?", b"=?iso-8859-1?B?",
                   b"In-Reply-To:", b"filename*=utf-8''", b"cid:"):
        assert needle in blob, needle
    folders = {k.split("/cur/")[0] for k in messages}
    assert {"INBOX", "Archive", "Sent", "Lists/Qt"} <= folders, folders
    flags = {k.rsplit(":2,", 1)[1] for k in messages}
    assert any("S" in f for f in flags) and any("F" in f for f in flags) and any("a" in f for f in flags)
    print("genmail: 3 passed, 0 failed")


if __name__ == "__main__":
    main()
