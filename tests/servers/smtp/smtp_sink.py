#!/usr/bin/env python3
"""A real SMTP server (aiosmtpd) for Sentinel's tests that stores every accepted message in a directory.

Each message is written as <id>.eml (the DATA exactly as received) and then <id>.json
({"mail_from", "rcpt_tos", "auth_user"}); the JSON file appears last, so its presence means the
message is complete. Prints READY once it accepts connections, and stops on SIGTERM or SIGINT.

Options shape its behaviour for tests: --user/--password require AUTH (over plain text, test only);
recipients whose local part starts with "unknown" are refused with 550; --fail-first N answers the
first N DATA commands with 451 (a transient failure the client should retry).
"""
import argparse
import json
import os
import signal
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class DirectoryStore:
    def __init__(self, directory, fail_first):
        self.directory = directory
        self.failures_left = fail_first
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.split("@", 1)[0].lower().startswith("unknown"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.failures_left > 0:
                self.failures_left -= 1
                return "451 4.3.0 Temporary failure, try again later"
        name = uuid.uuid4().hex
        self._write(name + ".eml", envelope.original_content or envelope.content)
        meta = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "auth_user": session.auth_data if session.authenticated else None,
        }
        self._write(name + ".json", json.dumps(meta).encode())
        return "250 2.0.0 Message accepted for delivery"

    def _write(self, name, data):
        temporary = os.path.join(self.directory, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(data)
        os.replace(temporary, os.path.join(self.directory, name))


def authenticator(user, password):
    def check(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword)
              and auth_data.login.decode() == user and auth_data.password.decode() == password)
        return AuthResult(success=ok, handled=False, auth_data=user if ok else None)
    return check


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--directory", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()

    os.makedirs(args.directory, exist_ok=True)
    auth = {}
    if args.user:
        auth = dict(authenticator=authenticator(args.user, args.password or ""),
                    auth_required=True, auth_require_tls=False)
    controller = Controller(DirectoryStore(args.directory, args.fail_first),
                            hostname="127.0.0.1", port=args.port, **auth)
    controller.start()
    print("READY", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
