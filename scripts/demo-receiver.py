#!/usr/bin/env python3
"""A small webhook receiver and mail catcher for trying xhs-note-router's delivery on one machine.

    python3 scripts/demo-receiver.py --secret s3cret          # webhook on :8080, SMTP on :2525

It prints each webhook call (event, delivery id, whether the X-Xnr-Signature is valid for --secret) and each
mail (recipients, subject). Only the Python standard library; listens on 127.0.0.1 only.
"""
import argparse
import email
import email.policy
import hashlib
import hmac
import http.server
import json
import socketserver
import threading


def verify(secret: bytes, body: bytes, header: str) -> bool:
    """What a receiver does: recompute the HMAC-SHA256 of the exact body bytes and compare in constant time."""
    expected = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header or "")


def webhook_handler(secret):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep connections open between calls

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            signature = self.headers.get("X-Xnr-Signature")
            if secret and not verify(secret, body, signature):
                print(f"webhook  REJECTED {self.headers.get('X-Xnr-Event')}: bad signature", flush=True)
                self.send_response(401)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            event = json.loads(body)
            detail = event.get("record", {}).get("title") or event.get("failure", {}).get("reason") \
                or event.get("report", {}).get("file") or event.get("reason") or ""
            print(f"webhook  {self.headers.get('X-Xnr-Event'):16} {self.headers.get('X-Xnr-Delivery')} "
                  f"signed={'yes' if signature else 'no'}  {detail}", flush=True)
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    return Handler


class Smtp(socketserver.StreamRequestHandler):
    """Just enough SMTP to take a message: HELO/EHLO, MAIL, RCPT, DATA, QUIT."""

    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())

    def handle(self):
        self.reply("220 demo-receiver")
        recipients = []
        while True:
            line = self.rfile.readline().decode(errors="replace").strip()
            if not line:
                return
            verb = line[:4].upper()
            if verb in ("HELO", "EHLO"):
                self.reply("250 demo-receiver")
            elif verb == "RCPT":
                recipients.append(line.split(":", 1)[1].strip())
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 end with <CRLF>.<CRLF>")
                data = b""
                while not data.endswith(b"\r\n.\r\n"):
                    chunk = self.rfile.readline()
                    if not chunk:
                        return
                    data += chunk
                message = email.message_from_bytes(data[:-5], policy=email.policy.default)
                parts = [p.get_content_type() for p in message.walk() if not p.is_multipart()]
                print(f"mail     to {', '.join(recipients)}: {message['Subject']}  {parts}", flush=True)
                recipients = []
                self.reply("250 OK")
            elif verb == "QUIT":
                self.reply("221 bye")
                return
            else:
                self.reply("250 OK")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--webhook-port", type=int, default=8080)
    parser.add_argument("--smtp-port", type=int, default=2525)
    parser.add_argument("--secret", default="", help="the delivery.webhook.secret to check signatures with")
    args = parser.parse_args()
    socketserver.ThreadingTCPServer.allow_reuse_address = True
    smtp = socketserver.ThreadingTCPServer(("127.0.0.1", args.smtp_port), Smtp)
    threading.Thread(target=smtp.serve_forever, daemon=True).start()
    http.server.ThreadingHTTPServer.request_queue_size = 128
    web = http.server.ThreadingHTTPServer(("127.0.0.1", args.webhook_port), webhook_handler(args.secret.encode()))
    print(f"webhook on http://127.0.0.1:{args.webhook_port}/hook, SMTP on 127.0.0.1:{args.smtp_port}", flush=True)
    web.serve_forever()


if __name__ == "__main__":
    main()
