"""Hostile traffic on the kernel's own ZeroMQ sockets.

A real kernel is started through its kernelspec; the test reads the connection info and talks to
the shell and control ports with raw DEALER sockets of its own: thousands of unsigned, wrongly
signed and malformed messages, among them forged execute requests whose code would create a marker
file. None may run, none may be answered, each is dropped with one log line, and afterwards the
kernel still serves a proper client. Correctly signed messages on the same raw sockets are answered,
so the silence is the kernel's choice, not a broken socket.

All traffic stays on loopback and every loop is bounded in count and in time.
"""
import hashlib
import hmac
import ipaddress
import json
import os
import queue
import random
import time
import uuid

import psutil
import pytest
import zmq
from jupyter_client.manager import KernelManager

from conftest import KERNEL_NAME, execute

DELIMITER = b"<IDS|MSG>"
SEED = 20240611            # the garbage is random but reproducible
RANDOM_GARBAGE = 1200      # messages of random frames, per channel
SIGNATURE_ROUNDS = 40      # rounds of every wrong-signature variant, per channel
SEND_BUDGET_S = 20         # the barrage stops early rather than run past this
REPLY_WAIT_S = 15


class Wire:
    """Builds Jupyter messages by hand, signed with the kernel's key or deliberately not."""

    def __init__(self, key):
        self.key = key if isinstance(key, bytes) else key.encode()

    def sign(self, parts, key=None, digest=hashlib.sha256):
        mac = hmac.new(self.key if key is None else key, digestmod=digest)
        for part in parts:
            mac.update(part)
        return mac.hexdigest().encode()

    @staticmethod
    def parts(msg_type, content):
        """The four signed frames: header, parent header, metadata, content."""
        header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "wire-test",
                  "username": "attacker", "date": "2024-06-11T00:00:00.000000Z", "version": "5.3"}
        return [json.dumps(header).encode(), b"{}", b"{}", json.dumps(content).encode()]

    def signed(self, parts):
        return [DELIMITER, self.sign(parts), *parts]


def execute_content(code, silent=False):
    return {"code": code, "silent": silent, "store_history": not silent, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": False}


def create_file(path):
    return f'new java.io.File("{path}").createNewFile();'


def flip(hex_signature, rng):
    """The same signature with one hex digit changed."""
    chars = bytearray(hex_signature)
    i = rng.randrange(len(chars))
    chars[i] = ord("0") if chars[i] != ord("0") else ord("1")
    return bytes(chars)


def forged_executes(wire, marker_dir, rng, valid_signature):
    """Execute requests that would create a marker file, each with a signature that must not pass."""
    wrong_key = b"not-" + wire.key
    forged = []
    for n, variant in enumerate(["empty", "random", "flipped", "upper", "wrong key", "sha1", "borrowed",
                                 "truncated", "extended", "bare hmac bytes"]):
        parts = Wire.parts("execute_request", execute_content(create_file(marker_dir / f"pwned-{n}")))
        good = wire.sign(parts)
        signature = {
            "empty": b"",
            "random": os.urandom(32).hex().encode(),
            "flipped": flip(good, rng),
            "upper": good.upper(),
            "wrong key": wire.sign(parts, key=wrong_key),
            "sha1": wire.sign(parts, digest=hashlib.sha1),
            "borrowed": valid_signature,
            "truncated": good[:-1],
            "extended": good + b"0",
            "bare hmac bytes": bytes.fromhex(good.decode()),
        }[variant]
        forged.append((f"forged execute ({variant} signature)", [DELIMITER, signature, *parts]))
    return forged


def bad_signatures(wire, rng, replayable):
    """Well-formed messages of every type a client sends, each with a wrong signature."""
    out = []
    for msg_type, content in [("kernel_info_request", {}), ("is_complete_request", {"code": "1 +"}),
                              ("complete_request", {"code": "Str", "cursor_pos": 3}),
                              ("shutdown_request", {"restart": False}), ("interrupt_request", {}),
                              ("history_request", {"hist_access_type": "tail", "n": 5})]:
        parts = Wire.parts(msg_type, content)
        out.append((f"{msg_type} unsigned", [DELIMITER, b"", *parts]))
        out.append((f"{msg_type} random signature", [DELIMITER, os.urandom(32).hex().encode(), *parts]))
        out.append((f"{msg_type} flipped signature", [DELIMITER, flip(wire.sign(parts), rng), *parts]))
    # A message the kernel has already accepted, sent again with its signature spoiled.
    out.append(("replay, unsigned", [DELIMITER, b"", *replayable]))
    out.append(("replay, flipped signature", [DELIMITER, flip(wire.sign(replayable), rng), *replayable]))
    out.append(("replay, extra identity", [b"evil-identity", DELIMITER, b"", *replayable]))
    return out


def malformed(wire, rng):
    """Frames that are not a Jupyter message, signed with the right key or not at all."""
    good = Wire.parts("kernel_info_request", {})
    no_type = [json.dumps({"msg_id": "m1", "session": "s"}).encode(), b"{}", b"{}", b"{}"]
    out = [
        ("missing delimiter, signed", [wire.sign(good), *good]),
        ("missing delimiter, unsigned", [b"", *good]),
        ("delimiter only", [DELIMITER]),
        ("one empty frame", [b""]),
        ("eight empty frames", [b""] * 8),
        ("thousand frames", [DELIMITER, b""] + [b"{}"] * 1000),
        ("huge frame, unsigned", [DELIMITER, b"", b"{" + b" " * (8 << 20) + b"}", b"{}", b"{}", b"{}"]),
        ("huge string, unsigned", [DELIMITER, b"", json.dumps({"x": "A" * (4 << 20)}).encode(), b"{}", b"{}", b"{}"]),
    ]
    for missing in range(1, 5):
        out.append((f"too few frames ({4 - missing} after the signature)",
                    [DELIMITER, wire.sign(good), *good[:4 - missing]]))
    frames_as = {
        "not JSON": b"this is not json",
        "JSON array": b"[1, 2, 3]",
        "JSON number": b"42",
        "JSON string": b'"kernel_info_request"',
        "JSON null": b"null",
        "truncated JSON": b'{"msg_type": "kernel_info_request", "msg_id": ',
        "deep array nesting": b"[" * 100_000,
        "deep object nesting": b'{"a":' * 100_000,
        "closed deep nesting": b"[" * 50_000 + b"]" * 50_000,
        "invalid UTF-8": b"\xff\xfe\xc0\x80{\x80}",
        "UTF-16": json.dumps({"msg_type": "kernel_info_request", "msg_id": "u16"}).encode("utf-16"),
    }
    for name, bad in frames_as.items():
        for position, slot in [(0, "header"), (3, "content")]:
            parts = list(good)
            parts[position] = bad
            out.append((f"{slot} {name}, signed", wire.signed(parts)))
            out.append((f"{slot} {name}, unsigned", [DELIMITER, b"", *parts]))
    for slot in (1, 2):
        parts = list(good)
        parts[slot] = b"[]"
        out.append((f"{['', 'parent header', 'metadata'][slot]} array, signed", wire.signed(parts)))
    for name, header in [("without msg_type", {"msg_id": "m2"}), ("without msg_id", {"msg_type": "kernel_info_request"}),
                         ("numeric msg_type", {"msg_id": "m3", "msg_type": 7}),
                         ("null msg_type", {"msg_id": "m4", "msg_type": None}),
                         ("object msg_type", {"msg_id": "m5", "msg_type": {"x": "execute_request"}})]:
        parts = [json.dumps(header).encode(), b"{}", b"{}", b"{}"]
        out.append((f"header {name}, signed", wire.signed(parts)))
    out.append(("header without msg_type, unsigned", [DELIMITER, b"", *no_type]))
    for i in range(RANDOM_GARBAGE):
        count = rng.randint(1, 12)
        frames = [rng.randbytes(rng.choice([0, 1, 9, 64, rng.randint(0, 4096)])) for _ in range(count)]
        if rng.random() < 0.5:
            frames.insert(rng.randrange(len(frames) + 1), DELIMITER)
        out.append((f"random frames #{i}", frames))
    return out


class RawPeer:
    """A DEALER socket of the test's own, connected to one of the kernel's ROUTER sockets."""

    def __init__(self, ctx, url):
        self.socket = ctx.socket(zmq.DEALER)
        self.socket.linger = 0
        self.socket.connect(url)
        self.received = []

    def send(self, frames):
        self.socket.send_multipart(frames, copy=False)

    def collect_until(self, wanted_parent_ids, timeout):
        """Gathers every reply until each wanted one has come, then listens briefly for stragglers."""
        pending = set(wanted_parent_ids)
        deadline = time.monotonic() + timeout
        while pending and time.monotonic() < deadline:
            if self.socket.poll(100):
                frames = self.socket.recv_multipart()
                self.received.append(frames)
                pending.discard(parent_id(frames))
        while self.socket.poll(500):
            self.received.append(self.socket.recv_multipart())
        return pending


def parent_id(frames):
    i = frames.index(DELIMITER)
    return json.loads(frames[i + 3]).get("msg_id")


def msg_type(frames):
    i = frames.index(DELIMITER)
    return json.loads(frames[i + 2]).get("msg_type")


def execution_count(kc):
    """The count a proper client's `1 + 1` gets, or None when the kernel no longer answers."""
    try:
        return execute(kc, "1 + 1", timeout=REPLY_WAIT_S).content["execution_count"]
    except queue.Empty:
        return None


def ping(ctx, info, payload, timeout_ms=5000):
    """One heartbeat round trip on a fresh REQ socket; the echoed frames, or None."""
    sock = ctx.socket(zmq.REQ)
    sock.linger = 0
    sock.connect(f"tcp://{info['ip']}:{info['hb_port']}")
    try:
        sock.send_multipart(payload)
        return sock.recv_multipart() if sock.poll(timeout_ms) else None
    finally:
        sock.close()


def listening_sockets(pid):
    proc = psutil.Process(pid)
    found = []
    for p in [proc, *proc.children(recursive=True)]:
        conns = p.net_connections(kind="tcp") if hasattr(p, "net_connections") else p.connections(kind="tcp")
        found += [c.laddr for c in conns if c.status == psutil.CONN_LISTEN]
    return found


@pytest.fixture(scope="module")
def wire_kernel(tmp_path_factory):
    """A kernel started through its kernelspec, its stderr kept to read the drop log."""
    log_path = tmp_path_factory.mktemp("wire-log") / "kernel.log"
    log = open(log_path, "wb")
    km = KernelManager(kernel_name=KERNEL_NAME)
    km.start_kernel(stderr=log)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    ctx = zmq.Context()
    yield km, kc, km.get_connection_info(), log_path, ctx
    ctx.destroy(linger=0)
    kc.stop_channels()
    km.shutdown_kernel(now=False)
    log.close()


class Barrage:
    """What happened when the hostile messages were sent: kept for the tests to check one by one."""


@pytest.fixture(scope="module")
def barrage(wire_kernel, tmp_path_factory):
    km, kc, info, log_path, ctx = wire_kernel
    rng = random.Random(SEED)
    wire = Wire(info["key"])
    assert info["signature_scheme"] == "hmac-sha256" and wire.key, "the kernel must be started with a signing key"
    markers = tmp_path_factory.mktemp("markers")
    base = f"tcp://{info['ip']}:"
    shell = RawPeer(ctx, base + str(info["shell_port"]))
    control = RawPeer(ctx, base + str(info["control_port"]))
    iopub = ctx.socket(zmq.SUB)
    iopub.linger = 0
    iopub.setsockopt(zmq.SUBSCRIBE, b"")
    iopub.connect(base + str(info["iopub_port"]))
    result = Barrage()
    result.markers = markers

    # Correctly signed requests on the same raw sockets are served, and are seen on IOPub.
    control_marker = markers / "signed-control"
    accepted = Wire.parts("execute_request", execute_content(create_file(control_marker), silent=True))
    shell.send(wire.signed(accepted))
    info_parts = Wire.parts("kernel_info_request", {})
    control.send(wire.signed(info_parts))
    result.unanswered_controls = (shell.collect_until([json.loads(accepted[0])["msg_id"]], REPLY_WAIT_S)
                                  | control.collect_until([json.loads(info_parts[0])["msg_id"]], REPLY_WAIT_S))
    result.control_replies = shell.received + control.received
    result.control_marker_created = control_marker.exists()
    shell.received, control.received = [], []
    result.count_before = execution_count(kc)

    hostile = (forged_executes(wire, markers, rng, wire.sign(info_parts))
               + bad_signatures(wire, rng, accepted) + malformed(wire, rng))
    for _ in range(SIGNATURE_ROUNDS - 1):
        hostile += bad_signatures(wire, rng, accepted)
    result.sent = {"SHELL": 0, "CONTROL": 0}
    result.hostile_ids = set()
    deadline = time.monotonic() + SEND_BUDGET_S
    for label, frames in hostile:
        if time.monotonic() > deadline:
            break
        for name, peer in (("SHELL", shell), ("CONTROL", control)):
            peer.send(frames)
            result.sent[name] += 1
        for frame in frames:
            if frame.startswith(b'{"msg_id": "'):
                result.hostile_ids.add(json.loads(frame)["msg_id"])
    result.labels = [label for label, _ in hostile]
    # Replays reuse the served requests' headers; those ids rightly have IOPub traffic of their own.
    result.hostile_ids -= {json.loads(accepted[0])["msg_id"], json.loads(info_parts[0])["msg_id"]}

    # Each socket's messages are read in order, so once a signed request sent after the barrage is
    # answered, the kernel has judged everything before it; the shell one also queues behind any
    # forged execute that might have got through.
    sentinels = []
    for peer, parts in ((shell, Wire.parts("is_complete_request", {"code": "1 +"})),
                        (control, Wire.parts("kernel_info_request", {}))):
        peer.send(wire.signed(parts))
        sentinels.append(json.loads(parts[0])["msg_id"])
    result.unanswered_sentinels = (shell.collect_until(sentinels[:1], REPLY_WAIT_S)
                                   | control.collect_until(sentinels[1:], REPLY_WAIT_S))
    result.sentinels = set(sentinels)
    result.replies = shell.received + control.received
    result.iopub = []
    while iopub.poll(200):
        result.iopub.append(iopub.recv_multipart())
    result.count_after = execution_count(kc)
    result.log = log_path.read_text(errors="replace")
    iopub.close()
    for peer in (shell, control):
        peer.socket.close()
    return result


def test_kernel_listens_only_on_the_connection_files_loopback_address(wire_kernel):
    km, _, info, _, _ = wire_kernel
    assert info["ip"] == "127.0.0.1"
    listening = listening_sockets(km.provisioner.process.pid)
    ports = {info[p] for p in ("shell_port", "control_port", "stdin_port", "iopub_port", "hb_port")}
    assert ports <= {addr.port for addr in listening}, "these are not the kernel's sockets"
    # Java binds dual-stack sockets, so 127.0.0.1 shows as its IPv4-mapped IPv6 form.
    addresses = {ipaddress.ip_address(addr.ip) for addr in listening}
    assert {getattr(a, "ipv4_mapped", None) or a for a in addresses} == {ipaddress.ip_address("127.0.0.1")}, listening


def test_correctly_signed_requests_on_raw_sockets_are_served(barrage):
    assert not barrage.unanswered_controls
    assert sorted(msg_type(f) for f in barrage.control_replies) == ["execute_reply", "kernel_info_reply"]
    assert barrage.control_marker_created, "the signed execute did not run, so a missing pwned file proves nothing"


def test_hostile_traffic_was_thousands_of_messages_on_each_channel(barrage):
    assert barrage.sent["SHELL"] == len(barrage.labels), "the send budget ran out before the barrage was sent"
    assert barrage.sent["SHELL"] >= 2000 and barrage.sent["CONTROL"] >= 2000


def test_no_forged_execute_request_runs(barrage):
    assert sorted(p.name for p in barrage.markers.iterdir()) == ["signed-control"]


def test_forged_execute_requests_do_not_advance_the_execution_count(barrage):
    assert barrage.count_before is not None
    assert barrage.count_after == barrage.count_before + 1


def test_no_bad_message_is_answered_on_shell_or_control(barrage):
    assert not barrage.unanswered_sentinels, "the kernel stopped answering signed requests during the barrage"
    unexpected = [(msg_type(f), parent_id(f)) for f in barrage.replies if parent_id(f) not in barrage.sentinels]
    assert unexpected == []
    assert len(barrage.replies) == len(barrage.sentinels)


def test_no_bad_message_reaches_iopub(barrage):
    parents = {parent_id(f) for f in barrage.iopub}
    assert not parents & barrage.hostile_ids
    assert barrage.sentinels <= parents, "IOPub was not being heard, so its silence proves nothing"


def test_every_bad_message_is_dropped_with_one_log_line(barrage):
    for channel, sent in barrage.sent.items():
        assert barrage.log.count(f"dropped a message on {channel}: ") == sent
    assert "failed to dispatch" not in barrage.log
    assert "Exception" not in barrage.log


def test_kernel_still_answers_and_executes_after_the_barrage(barrage, wire_kernel):
    km, kc, _, _, _ = wire_kernel
    assert km.is_alive()
    reply = kc.kernel_info(reply=True, timeout=10)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["implementation"] == "jdlab"
    run = execute(kc, "1 + 1", timeout=REPLY_WAIT_S)
    assert run.status == "ok"
    assert run.result == "2"


def test_heartbeat_still_answers_after_the_barrage(barrage, wire_kernel):
    _, _, info, _, ctx = wire_kernel
    payload = [os.urandom(16)]
    assert ping(ctx, info, payload) == payload


def test_heartbeat_keeps_answering_after_a_multipart_ping(fresh_kernel):
    km, _ = fresh_kernel
    info = km.get_connection_info()
    ctx = zmq.Context()
    try:
        assert ping(ctx, info, [b"before"]) == [b"before"]
        ping(ctx, info, [b"two", b"frames"], timeout_ms=1000)
        assert ping(ctx, info, [b"after"]) == [b"after"], "one multipart ping silenced the heartbeat"
    finally:
        ctx.destroy(linger=0)
