#!/usr/bin/env python3
"""Deterministic sample mail written straight into a Dovecot Maildir (fs layout).

    genmail.py MAILDIR [--count N] [--seed S]

The same count and seed always give the same messages, flags and folders. The mix: plain text
in several charsets, RFC 2047 subjects (UTF-8, ISO-8859-1, KOI8-R, ISO-2022-JP, GB2312),
multipart/alternative, attachments, an HTML message with a remote image and a cid: image,
threads through In-Reply-To/References, flags and keywords, and several folders.
"""
import argparse
import base64
import os
import pathlib
import random

PEOPLE = [
    ("Alice Example", "alice@example.test"), ("Bob Builder", "bob@example.test"),
    ("Carol Ørsted", "carol@example.test"), ("Dmitri Иванов", "dmitri@example.org"),
    ("Eve 山田", "eve@example.net"), ("Frank Müller", "frank@example.de"),
    ("Grace Hopper", "grace@example.com"), ("Heidi 王", "heidi@example.cn"),
]
TOPICS = [
    ("Quarterly report", "utf-8"), ("Grüße aus München", "utf-8"), ("Café meeting", "iso-8859-1"),
    ("Отчёт за неделю", "koi8-r"), ("会議の議事録", "iso-2022-jp"), ("项目进度更新", "gb2312"),
    ("Build failure on main", "utf-8"), ("Lunch on Friday?", "utf-8"),
    ("Release notes 1.2", "utf-8"), ("Invoice #4711", "utf-8"),
]
WORDS = ("mail client offline cache folder message thread server sync flag attachment "
         "protocol window search index reply forward draft outbox keychain").split()
FOLDERS = [("INBOX", 70), ("Archive", 10), ("Sent", 8), ("Lists/Qt", 7), ("Lists/KDE", 5)]
KEYWORDS = ["$Label1", "work", "personal"]
BASE_TIME = 1735689600  # 2025-01-01 00:00:00 UTC


def encoded_word(text, charset):
    if all(ord(c) < 128 for c in text):
        return text
    return f"=?{charset}?B?{base64.b64encode(text.encode(charset)).decode()}?="


def address(person):
    name, addr = person
    return f"{encoded_word(name, 'utf-8')} <{addr}>"


def rfc2822_date(t):
    import email.utils
    return email.utils.formatdate(t, localtime=False)


def body_text(rng, lines):
    return "\r\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 12)))
                       for _ in range(lines)) + "\r\n"


def build_message(i, rng, t, thread_parent):
    sender = PEOPLE[i % len(PEOPLE)]
    to = PEOPLE[(i + 3) % len(PEOPLE)]
    topic, charset = TOPICS[(i // 3) % len(TOPICS)]
    msgid = f"<gen-{i}@example.test>"
    subject = topic if thread_parent is None else "Re: " + topic
    headers = [
        f"Message-ID: {msgid}",
        f"Date: {rfc2822_date(t)}",
        f"From: {address(sender)}",
        f"To: {address(to)}",
        f"Subject: {encoded_word(subject, charset)} [{i}]",
        "MIME-Version: 1.0",
    ]
    if i % 7 == 0:
        headers.append(f"Cc: {address(PEOPLE[(i + 5) % len(PEOPLE)])}")
    if thread_parent is not None:
        headers.append(f"In-Reply-To: <gen-{thread_parent}@example.test>")
        headers.append(f"References: <gen-{thread_parent}@example.test>")
    kind = i % 6
    text = f"Message {i}.\r\n" + body_text(rng, rng.randint(3, 30))
    if i % 6 == 1:
        text += "\r\n> quoted line from an earlier message\r\n>> and a deeper quote\r\n"
    if kind in (0, 1):
        body = text.encode(charset if charset != "iso-2022-jp" else "utf-8", "replace")
        cs = charset if charset != "iso-2022-jp" else "utf-8"
        headers += [f"Content-Type: text/plain; charset={cs}", "Content-Transfer-Encoding: 8bit"]
        return headers, body
    if kind == 2:
        html = "<html><body><p>" + text.replace("\r\n", "<br>") + "</p></body></html>"
        b = f"alt-{i}"
        headers.append(f'Content-Type: multipart/alternative; boundary="{b}"')
        body = (f"--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}"
                f"--{b}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{b}--\r\n")
        return headers, body.encode()
    if kind == 3:
        b = f"mix-{i}"
        blob = bytes(rng.getrandbits(8) for _ in range(rng.randint(200, 3000)))
        name = "report.pdf" if (i // 6) % 2 else "données.bin"
        fn = (f'filename="{name}"' if name.isascii()
              else "filename*=utf-8''" + "".join(c if c.isascii() and c.isalnum() or c in ".-_"
                                                 else "".join(f"%{x:02X}" for x in c.encode())
                                                 for c in name))
        b64 = base64.encodebytes(blob).decode().replace("\n", "\r\n")
        headers.append(f'Content-Type: multipart/mixed; boundary="{b}"')
        body = (f"--{b}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}"
                f"--{b}\r\nContent-Type: application/octet-stream\r\n"
                f"Content-Disposition: attachment; {fn}\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n{b64}--{b}--\r\n")
        return headers, body.encode()
    if kind == 4:
        # HTML with a remote image (must stay blocked) and an inline cid: image.
        b, r = f"rel-{i}", f"alt-{i}"
        png = base64.b64decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==")
        html = (f"<html><body><p>Newsletter {i}</p><img src=\"http://127.0.0.1:9/track-{i}.png\">"
                f"<img src=\"cid:logo-{i}@example.test\"></body></html>")
        headers.append(f'Content-Type: multipart/related; boundary="{b}"; type="multipart/alternative"')
        body = (f"--{b}\r\nContent-Type: multipart/alternative; boundary=\"{r}\"\r\n\r\n"
                f"--{r}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}"
                f"--{r}\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n--{r}--\r\n"
                f"--{b}\r\nContent-Type: image/png\r\nContent-ID: <logo-{i}@example.test>\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n"
                f"{base64.b64encode(png).decode()}\r\n--{b}--\r\n")
        return headers, body.encode()
    headers += ["Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit"]
    return headers, ("Plain ASCII message " + str(i) + ".\r\n" + body_text(rng, 5)).encode()


def folder_dir(root, name):
    d = root / name
    for sub in ("cur", "new", "tmp"):
        (d / sub).mkdir(parents=True, exist_ok=True)
    return d


def pick_folder(rng):
    x = rng.randrange(100)
    for name, weight in FOLDERS:
        if x < weight:
            return name
        x -= weight
    return "INBOX"


def make_mailbox(root, count, seed=1):
    """Creates root (a Maildir in fs layout) with INBOX and the sample folders, then count messages."""
    root = pathlib.Path(root)
    dirs = {name: folder_dir(root, name) for name, _ in FOLDERS}
    for d in dirs.values():
        (d / "dovecot-keywords").write_text("".join(f"{n} {k}\n" for n, k in enumerate(KEYWORDS)))
    (root / "subscriptions").write_text("V\t2\n\n" + "".join(f"{n}\n" for n, _ in FOLDERS if n != "INBOX"))
    rng = random.Random(seed)
    for i in range(count):
        t = BASE_TIME + i * 600 + rng.randrange(600)
        parent = i - rng.randint(1, 3) if i > 3 and i % 5 == 0 else None
        headers, body = build_message(i, rng, t, parent)
        data = ("\r\n".join(headers) + "\r\n\r\n").encode() + body
        flags = ""
        r = rng.random()
        if i % 10 == 3:
            flags += "F"
        if i % 9 == 4:
            flags += "R"
        if r < 0.6:
            flags += "S"
        kw = "" if i % 8 else "a" if i % 16 else "b"
        flags = "".join(sorted(flags)) + kw
        folder = pick_folder(rng)
        name = f"{t}.M{i}P1.tern,S={len(data)},W={len(data)}:2,{flags}"
        path = dirs[folder] / "cur" / name
        with open(path, "wb") as f:
            f.write(data)
        os.utime(path, (t, t))
    return root


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("maildir")
    ap.add_argument("--count", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    make_mailbox(a.maildir, a.count, a.seed)


if __name__ == "__main__":
    main()
