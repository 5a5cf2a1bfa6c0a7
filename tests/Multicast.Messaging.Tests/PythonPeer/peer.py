"""A minimal peer of clever-show's framed protocol, written from the wire format in peers.md B.2
(not from clever-show's code): 2-byte big-endian header length, a json.dumps header, content.
  python3 peer.py server PORT   answers "id" and "echo" requests, prints "print" actions
  python3 peer.py client PORT   sends a "start" action and an "echo" request, prints the response
"""
import json
import socket
import struct
import sys


def frame(content, content_type, message_type, **extra):
    header = {
        "byteorder": sys.byteorder,
        "content-type": content_type,
        "content-encoding": "utf-8",
        "content-length": len(content),
        "message-type": message_type,
    }
    header.update(extra)
    header_bytes = json.dumps(header, ensure_ascii=False).encode("utf-8")
    return struct.pack(">H", len(header_bytes)) + header_bytes + content


def dumps(value):
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def read_exactly(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def read_frame(sock):
    (header_length,) = struct.unpack(">H", read_exactly(sock, 2))
    header = json.loads(read_exactly(sock, header_length).decode("utf-8"))
    for key in ("byteorder", "content-type", "content-encoding", "content-length", "message-type"):
        if key not in header:
            raise ValueError("missing " + key)
    content = read_exactly(sock, header["content-length"])
    if header["content-type"] == "json":
        content = json.loads(content.decode(header["content-encoding"]))
    return header, content


def serve(port):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(1)
    print("ready", flush=True)
    conn, _ = listener.accept()
    answers = {"id": lambda *args, **kwargs: "py-copter", "echo": lambda *args, **kwargs: args[0]}
    try:
        while True:
            header, content = read_frame(conn)
            if header["message-type"] == "message":
                print("action", header["action"], json.dumps(content["args"]), json.dumps(content["kwargs"]), flush=True)
            elif header["message-type"] == "request":
                name, request_id = content["requested_value"], content["request_id"]
                value = answers[name](*content["args"], **content["kwargs"])
                conn.sendall(frame(dumps({"value": value}), "json", "response", requested_value=name, request_id=request_id))
                print("answered", name, request_id, flush=True)
    except EOFError:
        print("closed", flush=True)


def client(port):
    conn = socket.create_connection(("127.0.0.1", port))
    conn.sendall(frame(dumps({"args": [], "kwargs": {"time": "1700000000.0"}}), "json", "message", action="start"))
    conn.sendall(frame(dumps({"requested_value": "echo", "request_id": "0042", "args": ["hi"], "kwargs": {}}), "json", "request"))
    header, content = read_frame(conn)
    print("response", header["requested_value"], header["request_id"], json.dumps(content["value"]), flush=True)
    conn.close()


if __name__ == "__main__":
    {"server": serve, "client": client}[sys.argv[1]](int(sys.argv[2]))
