package io.ringfence.governance;

import java.io.IOException;
import java.io.InputStream;

/** Reads an upload up to a limit, so an oversized one is refused with 413 before it fills the heap. */
final class BoundedBody {
    private BoundedBody() {
    }

    static byte[] read(InputStream in, int maxBytes, String what) {
        try {
            byte[] body = in.readNBytes(maxBytes + 1);
            if (body.length > maxBytes) {
                throw new ChangeRejected(413, "Upload too large", what + " is limited to " + maxBytes / 1024
                        + " KiB; nothing was submitted");
            }
            if (body.length == 0) {
                throw new ChangeRejected(400, "Empty upload", what + " is empty; nothing was submitted");
            }
            return body;
        } catch (IOException e) {
            throw new ChangeRejected(400, "Upload not read", "the request body could not be read: " + e.getMessage());
        }
    }
}
