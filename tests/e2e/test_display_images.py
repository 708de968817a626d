"""Images through the installed kernel: image(...) of files and bytes, told by their content, and
drawn images (BufferedImage) as PNG; html(...) and markdown(...) as bundles of their type, and text
displayed as the type asked for."""
import base64
import struct
import zlib

from conftest import execute


def png(width, height):
    """A real PNG of this size, all black, written by hand so the test needs no imaging library."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def png_size(encoded):
    data = base64.b64decode(encoded)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return struct.unpack(">II", data[16:24])


def only(run, msg_type):
    assert run.status == "ok", run.error
    [message] = run.of_type(msg_type)
    return message["content"]


def test_image_of_a_png_file_arrives_as_png_with_its_size(kernel, tmp_path):
    path = tmp_path / "dot.png"
    path.write_bytes(png(6, 4))
    content = only(execute(kernel, f'image(java.nio.file.Path.of("{path}"))'), "execute_result")
    assert base64.b64decode(content["data"]["image/png"]) == path.read_bytes()
    assert content["metadata"]["image/png"] == {"width": 6, "height": 4}
    assert content["data"]["text/plain"] == "PNG image, 6 × 4"


def test_image_shows_mid_cell_with_display(kernel, tmp_path):
    path = tmp_path / "no-extension"
    path.write_bytes(png(2, 2))
    run = execute(kernel, f'display(image(new java.io.File("{path}")));\nint after = 1;')
    assert png_size(only(run, "display_data")["data"]["image/png"]) == (2, 2)


def test_an_svg_file_arrives_as_svg_text(kernel, tmp_path):
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><circle r="4" cx="5" cy="5"/></svg>'
    (tmp_path / "c.svg").write_text(svg)
    content = only(execute(kernel, f'image(java.nio.file.Path.of("{tmp_path / "c.svg"}"))'), "execute_result")
    assert content["data"]["image/svg+xml"] == svg


def test_a_buffered_image_value_shows_as_png(kernel):
    run = execute(kernel, "var img = new java.awt.image.BufferedImage(5, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\nimg")
    content = only(run, "execute_result")
    assert png_size(content["data"]["image/png"]) == (5, 3)
    assert content["metadata"]["image/png"] == {"width": 5, "height": 3}
    assert content["data"]["text/plain"] == "PNG image, 5 × 3"
    assert png_size(only(execute(kernel, "image(img)"), "execute_result")["data"]["image/png"]) == (5, 3)


def test_bytes_that_are_no_image_are_one_clear_error(kernel, tmp_path):
    (tmp_path / "notes.png").write_text("not a picture")
    run = execute(kernel, f'image(java.nio.file.Path.of("{tmp_path / "notes.png"}"))')
    assert run.error["ename"] == "java.lang.IllegalArgumentException"
    assert run.error["evalue"].startswith("image(...) takes PNG, JPEG, GIF or SVG, none of them found in file ")
    run = execute(kernel, f'image(java.nio.file.Path.of("{tmp_path / "missing.png"}"))')
    assert run.error["evalue"] == f"image(...): no file {tmp_path / 'missing.png'}"


def test_html_and_markdown_show_as_their_types(kernel):
    assert only(execute(kernel, 'html("<b>bold</b>")'), "execute_result")["data"]["text/html"] == "<b>bold</b>"
    assert only(execute(kernel, 'markdown("**bold**")'), "execute_result")["data"]["text/markdown"] == "**bold**"


def test_text_displayed_as_a_type_is_sent_as_that_type(kernel):
    shown = only(execute(kernel, 'display("<b>bold</b>", "text/html");'), "display_data")
    assert shown["data"] == {"text/html": "<b>bold</b>", "text/plain": "<b>bold</b>"}
    parsed = only(execute(kernel, 'display("{\\"a\\": [1, 2]}", "application/json");'), "display_data")
    assert parsed["data"]["application/json"] == {"a": [1, 2]}


def test_a_value_without_the_type_asked_for_shows_its_text_with_a_note(kernel):
    run = execute(kernel, 'display(42, "text/html");')
    assert only(run, "display_data")["data"] == {"text/plain": "42"}
    assert run.stderr == ("render: a java.lang.Integer has no text/html, only text/plain;"
                          " text (a String) is shown as any type asked for\n")


def test_a_text_part_of_a_stack_stays_text(kernel):
    run = execute(kernel, 'display(jdlab.api.Stacked.of("a < b", 42, html("<i>c</i>")));')
    shown = only(run, "display_data")
    assert shown["data"]["text/html"] == ('<div class="jdlab-stacked"><div><pre>a &lt; b</pre></div>'
                                          '<div><pre>42</pre></div><div><i>c</i></div></div>')
    assert run.stderr == ""
