package org.bulletin.publish.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How every route of the publish server answers in JSON: one mapper (ISO dates, not timestamps) and one error shape,
 * {@code {"error": code, "reason": text}}, for the API and the console's routes alike.
 */
public final class JsonReplies {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private JsonReplies() {}

    /** {@code body} as JSON bytes. */
    public static byte[] write(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Answers {@code status} with {@code body} as JSON. */
    public static void json(Context ctx, int status, Object body) {
        ctx.status(HttpStatus.forStatus(status)).contentType("application/json").result(write(body));
    }

    /** Answers {@code status} with {@code {"error": error, "reason": reason}}. */
    public static void error(Context ctx, int status, String error, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("reason", reason);
        json(ctx, status, body);
    }
}
