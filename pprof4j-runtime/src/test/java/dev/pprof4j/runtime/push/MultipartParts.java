package dev.pprof4j.runtime.push;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits a {@code multipart/form-data} body (RFC 7578) into its named parts; test use only. */
final class MultipartParts {
    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"");

    private MultipartParts() {
    }

    static List<String> names(String contentType, byte[] body) throws RecordingIngestServer.Invalid {
        return new ArrayList<>(parts(contentType, body).keySet());
    }

    static Map<String, byte[]> parts(String contentType, byte[] body) throws RecordingIngestServer.Invalid {
        Matcher boundary = BOUNDARY.matcher(contentType);
        if (!boundary.find()) {
            throw new RecordingIngestServer.Invalid("multipart without a boundary");
        }
        byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.ISO_8859_1);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int start = at + delimiter.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') {
                break; // the closing delimiter
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            int next = indexOf(body, delimiter, start);
            if (headersEnd < 0 || next < 0) {
                throw new RecordingIngestServer.Invalid("multipart part without headers or end");
            }
            String headers = new String(body, start, headersEnd - start, StandardCharsets.ISO_8859_1);
            Matcher name = NAME.matcher(headers);
            if (!name.find()) {
                throw new RecordingIngestServer.Invalid("multipart part without a name: " + headers.trim());
            }
            int contentEnd = next - 2; // the CRLF before the delimiter belongs to it
            parts.put(name.group(1), Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, contentEnd)));
            at = next;
        }
        return parts;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
