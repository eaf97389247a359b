#!/usr/bin/env python3
"""Real mail servers for Tern's tests and demo: Dovecot 2.4 and Postfix on free loopback ports.

    mailfixture.py start DIR [--messages N] [--seed S]   start, fill alice's mailbox, write DIR/fixture.env
    mailfixture.py stop DIR                              stop every process the fixture started
    mailfixture.py stop-servers DIR / start-servers DIR  stop or restart the daemons, keeping mail and ports

Dovecot serves IMAP (implicit TLS and STARTTLS), POP3 (implicit TLS and STLS), LMTP and SASL for
Postfix. Postfix offers an inbound SMTP port (no auth, for tests that deliver mail), submission
with STARTTLS and submissions with implicit TLS, both with AUTH through Dovecot, and delivers
to Dovecot over LMTP. A CA and a server certificate for localhost/127.0.0.1 are made per run.
Needs root (Dovecot's master runs as root and its login processes as dovenull), as in the dev root.
"""
import argparse
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import genmail  # noqa: E402

DOMAIN = "example.test"
# Test users and their passwords. These are test-only credentials for the local fixture.
USERS = {"alice": "alice-pw-1", "bob": "bob-pw-2", "carol": "carol-pw-3"}
# One empty mailbox per test that needs its own (tests run in parallel against one fixture).
USERS.update({f"u{n}": f"u{n}-pw-{n * 7}" for n in range(1, 17)})
MAIL_UID = 8  # Debian's "mail" user: Dovecot refuses root as the owner of mail.
PORT_NAMES = ["imaps", "imap", "pop3s", "pop3", "lmtp", "smtp", "submission", "submissions"]


def free_ports(count):
    socks, ports = [], []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        socks.append(s)
        ports.append(s.getsockname()[1])
    for s in socks:
        s.close()
    return ports


def run(cmd):
    # Output goes to a file, not a pipe: a daemon keeps its inherited pipe open for ever.
    with open(os.devnull, "rb") as devnull, tempfile.TemporaryFile() as out:
        r = subprocess.run([str(c) for c in cmd], stdin=devnull, stdout=out, stderr=out)
        if r.returncode != 0:
            out.seek(0)
            raise SystemExit(f"mailfixture: {' '.join(map(str, cmd))} failed:\n"
                             + out.read().decode(errors="replace"))
    return r


def make_certs(d):
    d.mkdir(parents=True, exist_ok=True)
    ca_key, ca, key, csr, crt = (d / n for n in ("ca.key", "ca.pem", "server.key", "server.csr",
                                                 "server.pem"))
    run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
         "-nodes", "-keyout", ca_key, "-out", ca, "-days", "30", "-subj", "/CN=Tern Test CA",
         "-addext", "basicConstraints=critical,CA:TRUE",
         "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    run(["openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
         "-keyout", key, "-out", csr, "-subj", "/CN=localhost"])
    ext = d / "server.ext"
    ext.write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                   "extendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n")
    run(["openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", ca_key, "-CAcreateserial",
         "-out", crt, "-days", "30", "-extfile", ext])
    for f in (key, ca_key):
        os.chmod(f, 0o600)


def dovecot_conf(d, p):
    users = d / "dovecot-users"
    users.write_text("".join(
        f"{u}:{{PLAIN}}{pw}:{MAIL_UID}:{MAIL_UID}::{d}/mail/{u}::\n" for u, pw in USERS.items()))
    os.chmod(users, 0o644)
    return f"""dovecot_config_version = 2.4.0
dovecot_storage_version = 2.4.0
instance_name = tern-{p['imaps']}
base_dir = {d}/dovecot-run
state_dir = {d}/dovecot-state
listen = 127.0.0.1
log_path = {d}/dovecot.log
protocols {{
  imap = yes
  pop3 = yes
  lmtp = yes
}}
ssl = yes
ssl_server_cert_file = {d}/tls/server.pem
ssl_server_key_file = {d}/tls/server.key
ssl_min_protocol = TLSv1.2
auth_allow_cleartext = no
auth_mechanisms = plain login apop
first_valid_uid = {MAIL_UID}
mail_driver = maildir
mail_path = ~/Maildir
mail_inbox_path = ~/Maildir/INBOX
mailbox_list_layout = fs
mail_uid = {MAIL_UID}
mail_gid = {MAIL_UID}
passdb passwd-file {{
  passwd_file_path = {users}
  auth_username_format = %{{user | username | lower}}
}}
userdb passwd-file {{
  passwd_file_path = {users}
  auth_username_format = %{{user | username | lower}}
}}
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Drafts {{
    special_use = \\Drafts
    auto = subscribe
  }}
  mailbox Sent {{
    special_use = \\Sent
    auto = subscribe
  }}
  mailbox Trash {{
    special_use = \\Trash
    auto = subscribe
  }}
  mailbox Junk {{
    special_use = \\Junk
    auto = subscribe
  }}
  mailbox Archive {{
    special_use = \\Archive
    auto = subscribe
  }}
}}
service imap-login {{
  inet_listener imap {{
    port = {p['imap']}
  }}
  inet_listener imaps {{
    port = {p['imaps']}
    ssl = yes
  }}
}}
service pop3-login {{
  inet_listener pop3 {{
    port = {p['pop3']}
  }}
  inet_listener pop3s {{
    port = {p['pop3s']}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    port = {p['lmtp']}
  }}
}}
service auth {{
  unix_listener auth-postfix {{
    mode = 0666
  }}
}}
protocol lmtp {{
  auth_username_format = %{{user | username | lower}}
}}
"""


POSTFIX_SERVICES = """\
pickup    unix  n       -       n       60      1       pickup
cleanup   unix  n       -       n       -       0       cleanup
qmgr      unix  n       -       n       300     1       qmgr
tlsmgr    unix  -       -       n       1000?   1       tlsmgr
rewrite   unix  -       -       n       -       -       trivial-rewrite
bounce    unix  -       -       n       -       0       bounce
defer     unix  -       -       n       -       0       bounce
trace     unix  -       -       n       -       0       bounce
verify    unix  -       -       n       -       1       verify
flush     unix  n       -       n       1000?   0       flush
proxymap  unix  -       -       n       -       -       proxymap
smtp      unix  -       -       n       -       -       smtp
showq     unix  n       -       n       -       -       showq
error     unix  -       -       n       -       -       error
retry     unix  -       -       n       -       -       error
discard   unix  -       -       n       -       -       discard
lmtp      unix  -       -       n       -       -       lmtp
anvil     unix  -       -       n       -       1       anvil
scache    unix  -       -       n       -       1       scache
postlog   unix-dgram n  -       n       -       1       postlogd
"""


def postfix_conf(d, p):
    conf = d / "postfix"
    conf.mkdir(parents=True, exist_ok=True)
    tls = f"{d}/tls"
    (conf / "main.cf").write_text(f"""compatibility_level = 3.10
queue_directory = {d}/postfix-queue
data_directory = {d}/postfix-data
meta_directory = /etc/postfix
mail_owner = postfix
setgid_group = postdrop
myhostname = mail.{DOMAIN}
mydomain = {DOMAIN}
myorigin = {DOMAIN}
mydestination =
inet_interfaces = 127.0.0.1
inet_protocols = ipv4
mynetworks = 127.0.0.1/32
maillog_file = {d}/postfix.log
maillog_file_prefixes = {d}
alias_maps =
alias_database =
local_recipient_maps =
virtual_mailbox_domains = {DOMAIN}
virtual_transport = lmtp:inet:127.0.0.1:{p['lmtp']}
default_transport = error:tests deliver only to {DOMAIN}
relay_transport = error:tests deliver only to {DOMAIN}
smtpd_relay_restrictions = permit_sasl_authenticated, reject_unauth_destination
smtpd_tls_cert_file = {tls}/server.pem
smtpd_tls_key_file = {tls}/server.key
smtpd_tls_security_level = may
smtpd_sasl_type = dovecot
smtpd_sasl_path = {d}/dovecot-run/auth-postfix
smtpd_sasl_auth_enable = no
smtputf8_enable = yes
message_size_limit = 20971520
smtpd_recipient_limit = 100
smtpd_client_connection_rate_limit = 0
smtpd_client_message_rate_limit = 0
anvil_rate_time_unit = 60s
smtpd_error_sleep_time = 0
smtpd_soft_error_limit = 1000
smtpd_hard_error_limit = 1000
biff = no
""")
    submission = ("-o smtpd_sasl_auth_enable=yes "
                  "-o smtpd_client_restrictions=permit_sasl_authenticated,reject "
                  "-o smtpd_sender_restrictions= -o smtpd_tls_auth_only=yes")
    (conf / "master.cf").write_text(
        f"127.0.0.1:{p['smtp']} inet n - n - - smtpd\n"
        f"127.0.0.1:{p['submission']} inet n - n - - smtpd -o smtpd_tls_security_level=encrypt "
        f"{submission}\n"
        f"127.0.0.1:{p['submissions']} inet n - n - - smtpd -o smtpd_tls_wrappermode=yes "
        f"{submission}\n" + POSTFIX_SERVICES)
    return conf


def wait_for_ports(ports, timeout=30):
    deadline = time.time() + timeout
    for port in ports:
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit(f"mailfixture: port {port} did not open in {timeout} s")
                time.sleep(0.05)


def read_env(d):
    env = {}
    for line in (d / "fixture.env").read_text().splitlines():
        k, _, v = line.partition("=")
        env[k] = v
    return env


def start_servers(d):
    env = read_env(d)
    p = {n: int(env[f"TERN_FIXTURE_{n.upper()}_PORT"]) for n in PORT_NAMES}
    run(["dovecot", "-c", f"{d}/dovecot.conf"])
    run(["postfix", "-c", f"{d}/postfix", "start"])
    wait_for_ports(p.values())


def stop_servers(d):
    pids = []
    for pidfile in (d / "dovecot-run" / "master.pid", d / "postfix-queue" / "pid" / "master.pid"):
        try:
            pids.append(int(pidfile.read_text().split()[0]))
        except (OSError, ValueError, IndexError):
            pass
    for cmd in (["doveadm", "-c", f"{d}/dovecot.conf", "stop"], ["postfix", "-c", f"{d}/postfix", "stop"]):
        subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    for pid in pids:
        while alive(pid) and time.time() < deadline:
            time.sleep(0.05)
        if alive(pid):
            os.kill(pid, signal.SIGKILL)
    # Anything still running from this fixture's folders (a stray child) goes too, but not us.
    found = subprocess.run(["pgrep", "-f", f"{d}/"], stdout=subprocess.PIPE, text=True).stdout
    for pid in (int(x) for x in found.split()):
        if pid not in (os.getpid(), os.getppid()):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def start(d, messages, seed):
    if (d / "fixture.env").exists():
        stop_servers(d)
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    os.chmod(d, 0o755)
    # The daemons' own users must reach the folder: open up private parents (e.g. a
    # QTemporaryDir, mode 0700) for traversal only.
    for parent in d.parents:
        mode = parent.stat().st_mode
        if not mode & 0o001:
            os.chmod(parent, (mode & 0o7777) | 0o711)
    make_certs(d / "tls")
    ports = dict(zip(PORT_NAMES, free_ports(len(PORT_NAMES))))
    (d / "dovecot.conf").write_text(dovecot_conf(d, ports))
    postfix_conf(d, ports)
    for sub in ("dovecot-run", "dovecot-state", "postfix-queue", "postfix-data"):
        (d / sub).mkdir(mode=0o755)
    run(["chown", "postfix", f"{d}/postfix-data"])
    for user in USERS:
        home = d / "mail" / user
        genmail.make_mailbox(home / "Maildir", messages if user == "alice" else 0, seed)
    run(["chown", "-R", f"{MAIL_UID}:{MAIL_UID}", f"{d}/mail"])
    run(["postfix", "-c", f"{d}/postfix", "check"])
    env = {f"TERN_FIXTURE_{n.upper()}_PORT": str(v) for n, v in ports.items()}
    env.update({
        "TERN_FIXTURE_DIR": str(d),
        "TERN_FIXTURE_HOST": "127.0.0.1",
        "TERN_FIXTURE_CA": f"{d}/tls/ca.pem",
        "TERN_FIXTURE_DOMAIN": DOMAIN,
        "TERN_FIXTURE_MESSAGES": str(messages),
    })
    for u, pw in USERS.items():
        env[f"TERN_FIXTURE_{u.upper()}_USER"] = u
        env[f"TERN_FIXTURE_{u.upper()}_PASSWORD"] = pw
        env[f"TERN_FIXTURE_{u.upper()}_MAILDIR"] = f"{d}/mail/{u}/Maildir"
    (d / "fixture.env").write_text("".join(f"{k}={v}\n" for k, v in sorted(env.items())))
    start_servers(d)
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("action", choices=["start", "stop", "stop-servers", "start-servers"])
    ap.add_argument("dir")
    ap.add_argument("--messages", type=int, default=300)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    d = pathlib.Path(a.dir).resolve()
    if a.action == "start":
        t0 = time.time()
        start(d, a.messages, a.seed)
        print(f"mailfixture: servers up in {time.time() - t0:.1f} s; environment in {d}/fixture.env")
    elif a.action == "start-servers":
        start_servers(d)
    elif a.action == "stop-servers":
        stop_servers(d)
    else:
        if (d / "fixture.env").exists():
            stop_servers(d)
        print("mailfixture: stopped")


if __name__ == "__main__":
    main()
