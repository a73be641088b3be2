package io.cairn.ingest.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** Writes answers in InfluxDB's shapes and with the headers InfluxDB clients look for. */
final class InfluxResponses {
    /** The version announced to InfluxDB clients. */
    static final String VERSION = "1.8.10-cairn";
    private static final JsonFactory JSON = new JsonFactory();

    private InfluxResponses() {
    }

    /** Returns a JSON object of string members given as alternating names and values. */
    static String object(String... namesAndValues) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (int i = 0; i < namesAndValues.length; i += 2) {
                g.writeStringField(namesAndValues[i], namesAndValues[i + 1]);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Sets the InfluxDB version headers. */
    static void versionHeaders(HttpServletResponse resp) {
        resp.setHeader("X-Influxdb-Version", VERSION);
        resp.setHeader("X-Influxdb-Build", "OSS");
    }

    /** Sends a status with a JSON body, or without a body for 204. */
    static void send(HttpServletResponse resp, int status, String body) throws IOException {
        if (status == 503) {
            resp.setHeader("Retry-After", "1");
        }
        resp.setStatus(status);
        if (body != null) {
            resp.setContentType("application/json");
            resp.setCharacterEncoding("UTF-8");
            resp.getWriter().write(body);
        }
    }

    /** Returns the HTTP status of a whole-request failure, as InfluxDB answers it. */
    static int status(LineWriteOutcome.Failure failure) {
        return switch (failure) {
            case NONE -> 204;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_ENCODING -> 415;
            case UNREADABLE -> 400;
            case UNAVAILABLE -> 503;
        };
    }
}
