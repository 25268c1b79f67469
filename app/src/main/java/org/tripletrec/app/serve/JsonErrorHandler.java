package org.tripletrec.app.serve;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The errors Jetty answers before a request reaches the routes (a malformed URI, headers too large) in the
 * API's JSON shape instead of Jetty's HTML page, and never with a stack.
 */
final class JsonErrorHandler extends ErrorHandler {
    private final ObjectMapper mapper;

    JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
        setShowStacks(false);
        setShowServlet(false);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                                              HttpServletResponse response, int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType("application/json");
        response.getOutputStream().write(body(code, message));
    }

    private byte[] body(int status, String reason) {
        String message = reason == null || reason.isBlank() ? "HTTP " + status : reason;
        try {
            return mapper.writeValueAsBytes(new Views.Error(message, status, List.of()));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"HTTP " + status + "\",\"status\":" + status + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
