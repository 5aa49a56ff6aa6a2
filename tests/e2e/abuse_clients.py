# SPDX-License-Identifier: GPL-3.0-or-later
"""Hostile raw-socket clients for abuse_test.sh. Each subcommand prints what it saw and exits
non-zero with a message on stderr when the server did not behave.

  crash PORT TOKEN             a generate request whose client reads nothing, then resets
  stream PORT TOKEN READY      a signed-in generate stream; READY is created at its first byte
  flood PORT N SECONDS         N unauthenticated 90 MB POSTs from a foreign Origin, bodies streamed
  raw PORT                     sends stdin as is, prints the answer (repr) until EOF
  caps PORT TOKEN CAP          CAP idle connections, then one more
"""
import fcntl
import os
import selectors
import socket
import struct
import sys
import termios
import time

HOST = "127.0.0.1"
GENERATE = b'{"model":"llama3.2:latest","prompt":"hi"}'


def fail(message):
    print(message, file=sys.stderr)
    sys.exit(1)


def post_head(port, path, body_len, extra=b""):
    return (b"POST %s HTTP/1.1\r\nHost: %s:%d\r\nContent-Type: application/json\r\n%sContent-Length: %d\r\n\r\n"
            % (path, HOST.encode(), port, extra, body_len))


def bearer(token):
    return b"Authorization: Bearer %s\r\n" % token.encode()


def read_all(sock, timeout=15.0):
    """Everything until EOF (or a reset, or the time limit)."""
    sock.settimeout(timeout)
    data = b""
    try:
        while True:
            piece = sock.recv(65536)
            if not piece:
                break
            data += piece
    except (socket.timeout, ConnectionResetError):
        pass
    return data


def status_of(answer):
    parts = answer.split(b" ", 2)
    return parts[1].decode(errors="replace") if len(parts) > 1 and answer.startswith(b"HTTP/1.") else "none"


def unread_bytes(sock):
    return struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0\0\0\0"))[0]


def crash(port, token):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect: a small window
    sock.connect((HOST, port))
    sock.sendall(post_head(port, b"/ollama/api/generate", len(GENERATE), bearer(token)) + GENERATE)
    # Read nothing. The answer fills our small buffer, then Corral's: once it starts arriving
    # (within 30 s, for a sanitizer build on a loaded machine), wait until our queue stops
    # growing for a second (Corral is blocked on us) or 3 s have passed.
    start = time.monotonic()
    last, since, first = -1, start, None
    while time.monotonic() - start < 30.0:
        queued = unread_bytes(sock)
        now = time.monotonic()
        if queued > 0 and first is None:
            first = now
        if queued != last:
            last, since = queued, now
        elif queued > 0 and now - since > 1.0:
            break
        if first is not None and now - first > 3.0:
            break
        time.sleep(0.05)
    queued = unread_bytes(sock)
    if queued == 0:
        fail("crash: no answer arrived within 30 s")
    sock.close()  # with unread data: the kernel answers with RST (RFC 2525 §2.17)
    print("crash: closed with %d unread bytes after %.1f s" % (queued, time.monotonic() - start))


def stream(port, token, ready):
    sock = socket.create_connection((HOST, port))
    sock.sendall(post_head(port, b"/ollama/api/generate", len(GENERATE), bearer(token) + b"Connection: close\r\n")
                 + GENERATE)
    sock.settimeout(30)
    data = b""
    largest_gap, last = 0.0, None
    while True:
        piece = sock.recv(65536)
        now = time.monotonic()
        if not piece:
            break
        if last is None:
            open(ready, "w").close()
        else:
            largest_gap = max(largest_gap, now - last)
        last = now
        data += piece
    head, _, body = data.partition(b"\r\n\r\n")
    lines = [line for line in body.split(b"\n") if line.startswith(b"{")]
    done = bool(lines) and b'"done":true' in lines[-1]
    print("stream: status=%s lines=%d largest_gap=%.3f done=%d" % (status_of(head), len(lines), largest_gap, done))


def flood(port, count, seconds):
    head = post_head(port, b"/ollama/api/generate", 90 * 1024 * 1024, b"Origin: https://evil.example\r\n")
    chunk = b"x" * 65536
    selector = selectors.DefaultSelector()
    answers, sent = {}, {}
    for _ in range(count):
        sock = socket.create_connection((HOST, port))
        sock.sendall(head)
        sock.setblocking(False)
        answers[sock], sent[sock] = b"", 0
        selector.register(sock, selectors.EVENT_READ | selectors.EVENT_WRITE)
    end = time.monotonic() + seconds
    writing = set(answers)
    while selector.get_map() and time.monotonic() < end:
        for key, events in selector.select(timeout=0.2):
            sock = key.fileobj
            try:
                if events & selectors.EVENT_READ:
                    piece = sock.recv(65536)
                    if not piece:
                        raise ConnectionResetError
                    answers[sock] += piece
                if events & selectors.EVENT_WRITE and sock in writing:
                    sent[sock] += sock.send(chunk)
            except (BrokenPipeError, ConnectionResetError):
                # The server closed: what it answered is still in our queue to read.
                writing.discard(sock)
                selector.unregister(sock)
                try:
                    answers[sock] += read_all(sock, 2.0)
                except OSError:
                    pass
    statuses = {}
    for sock, answer in answers.items():
        if sock in selector.get_map() and not answer:
            answer = read_all(sock, 2.0)
        statuses[status_of(answer)] = statuses.get(status_of(answer), 0) + 1
        sock.close()
    print("flood: statuses=%s body_bytes_sent=%.1f MB" % (
        ",".join("%s:%d" % item for item in sorted(statuses.items())), sum(sent.values()) / 1e6))


def raw(port):
    sock = socket.create_connection((HOST, port))
    sock.sendall(sys.stdin.buffer.read())
    answer = read_all(sock)
    print("raw: status=%s answers=%d" % (status_of(answer), answer.count(b"HTTP/1.")))


def caps(port, token, cap):
    idle = [socket.create_connection((HOST, port)) for _ in range(cap)]
    extra = socket.create_connection((HOST, port))
    start = time.monotonic()
    answer = read_all(extra, 10.0)
    print("caps: extra connection status=%s after %.2f s" % (status_of(answer), time.monotonic() - start))
    # The idle ones are still open: nothing to read, no EOF.
    selector = selectors.DefaultSelector()
    for sock in idle:
        selector.register(sock, selectors.EVENT_READ)
    closed = len(selector.select(timeout=0.3))
    print("caps: idle connections closed=%d" % closed)
    idle[0].sendall(b"GET /ollama/api/version HTTP/1.1\r\nHost: %s:%d\r\n%sConnection: close\r\n\r\n"
                    % (HOST.encode(), port, bearer(token)))
    print("caps: request on an idle connection status=%s" % status_of(read_all(idle[0])))
    for sock in idle:
        sock.close()
    # The count drops as Corral sees the closes: a new connection is let in again soon.
    deadline = time.monotonic() + 10
    status = "none"
    while time.monotonic() < deadline:
        sock = socket.create_connection((HOST, port))
        sock.sendall(b"GET /ollama/api/version HTTP/1.1\r\nHost: %s:%d\r\n%sConnection: close\r\n\r\n"
                     % (HOST.encode(), port, bearer(token)))
        status = status_of(read_all(sock))
        sock.close()
        if status != "503":
            break
        time.sleep(0.1)
    print("caps: after closing them status=%s" % status)


def main():
    command, port = sys.argv[1], int(sys.argv[2])
    if command == "crash":
        crash(port, sys.argv[3])
    elif command == "stream":
        stream(port, sys.argv[3], sys.argv[4])
    elif command == "flood":
        flood(port, int(sys.argv[3]), float(sys.argv[4]))
    elif command == "raw":
        raw(port)
    elif command == "caps":
        caps(port, sys.argv[3], int(sys.argv[4]))
    else:
        fail("unknown command " + command)


if __name__ == "__main__":
    main()
