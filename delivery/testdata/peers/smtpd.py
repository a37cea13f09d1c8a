#!/usr/bin/python3
"""A real mail server for the delivery tests: Debian's aiosmtpd
(python3-aiosmtpd), on loopback, in one of three modes:

  plain     no encryption (the client's STARTTLS must fail)
  starttls  plain first, STARTTLS required before anything else
  tls       TLS from the first byte (implicit TLS, port 465 style)

With --user and --password it requires AUTH (PLAIN or LOGIN) with exactly
those credentials. Every accepted message is stored in --dir as NNNN.eml
(the bytes as received) with NNNN.json (envelope sender, recipients and
the authenticated user); the .eml appears only when complete. "ready" on
stdout means the server accepts connections.

Run by delivery/smtp_peer_test.go with Debian's /usr/bin/python3.
"""
import argparse
import json
import os
import signal
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Store:
    def __init__(self, directory):
        self.directory = directory
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            base = os.path.join(self.directory, "%04d" % self.count)
        user = None
        if session.authenticated and isinstance(session.auth_data, LoginPassword):
            user = session.auth_data.login.decode()
        # session.ssl is set by STARTTLS; a connection that was TLS from
        # the first byte shows in its transport.
        tls = (session.ssl is not None
               or server.transport.get_extra_info("ssl_object") is not None)
        with open(base + ".json", "w") as f:
            json.dump({"from": envelope.mail_from, "to": envelope.rcpt_tos, "user": user,
                       "tls": tls}, f)
        with open(base + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(base + ".eml.tmp", base + ".eml")
        return "250 2.0.0 Message accepted for delivery"


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login == user.encode()
              and auth_data.password == password.encode())
        # auth_data is kept in the session, so that handle_DATA can
        # record who logged in.
        return AuthResult(success=ok, handled=False, auth_data=auth_data if ok else None)
    return check


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--dir", required=True)
    ap.add_argument("--mode", choices=["plain", "starttls", "tls"], default="plain")
    ap.add_argument("--cert")
    ap.add_argument("--key")
    ap.add_argument("--user")
    ap.add_argument("--password")
    a = ap.parse_args()

    kwargs = {"hostname": "127.0.0.1", "port": a.port, "server_hostname": "smtp.test",
              "data_size_limit": 20 * 1024 * 1024}
    if a.mode != "plain":
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.cert, a.key)
        if a.mode == "tls":
            kwargs["ssl_context"] = ctx
        else:
            kwargs["tls_context"] = ctx
            kwargs["require_starttls"] = True
    if a.user:
        kwargs["authenticator"] = authenticator(a.user, a.password or "")
        kwargs["auth_required"] = True
        # Implicit TLS is encrypted from the start, and plain mode is
        # loopback only: both may authenticate without STARTTLS.
        kwargs["auth_require_tls"] = a.mode == "starttls"
    controller = Controller(Store(a.dir), **kwargs)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    sys.exit(main())
