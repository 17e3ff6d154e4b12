package org.bulletin.publish.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bulletin.schemas.Evidence;
import org.bulletin.schemas.Label;
import org.bulletin.schemas.Organisation;
import org.bulletin.schemas.Person;
import org.bulletin.schemas.Place;
import org.bulletin.schemas.Release;
import org.bulletin.schemas.SourceRef;

/** Maps the nested parts of a Release to the JSON text columns, and the columns back to records. */
final class Json {

    // Reads ignore keys the records do not name, as the maps they replaced passed them on: a row is never unreadable.
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

    private Json() {}

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        return read(json, MAPPER.constructType(type));
    }

    static <T> T read(String json, TypeReference<T> type) {
        return read(json, MAPPER.constructType(type));
    }

    static List<Object> readList(String json) {
        return read(json, LIST);
    }

    private static <T> T read(String json, JavaType type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt JSON column: " + e.getOriginalMessage(), e);
        }
    }

    static String classification(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("regions", labels(r.getRegions()));
        m.put("topics", labels(r.getTopics()));
        return write(m);
    }

    static String entities(Release r) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Object> people = new ArrayList<>();
        for (Person p : r.getPeople()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.getName());
            pm.put("role", p.getRole());
            pm.put("id", p.getId());
            people.add(pm);
        }
        List<Object> orgs = new ArrayList<>();
        for (Organisation o : r.getOrganisations()) {
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("id", o.getId());
            om.put("name", o.getName());
            om.put("mentions", o.getMentions());
            orgs.add(om);
        }
        List<Object> places = new ArrayList<>();
        for (Place p : r.getPlaces()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.getName());
            pm.put("countryCode", p.getCountryCode());
            pm.put("id", p.getId());
            places.add(pm);
        }
        m.put("people", people);
        m.put("organisations", orgs);
        m.put("places", places);
        m.put("countries", r.getCountries());
        m.put("dates", r.getDates().stream().map(Object::toString).toList());
        return write(m);
    }

    static String sourceRefs(Release r) {
        List<Object> refs = new ArrayList<>();
        for (SourceRef s : r.getSourceRefs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sourceId", s.getSourceId());
            m.put("sourceUrl", s.getSourceUrl());
            m.put("rawKey", s.getRawKey());
            m.put("rawPartition", s.getRawPartition());
            m.put("rawOffset", s.getRawOffset());
            m.put(
                    "fetchedAt",
                    s.getFetchedAt() == null ? null : s.getFetchedAt().toString());
            refs.add(m);
        }
        return write(refs);
    }

    static List<String> ids(List<Label> labels) {
        return labels.stream().map(Label::getId).distinct().toList();
    }

    private static List<Object> labels(List<Label> labels) {
        List<Object> out = new ArrayList<>();
        for (Label l : labels) {
            Map<String, Object> lm = new LinkedHashMap<>();
            lm.put("id", l.getId());
            lm.put("score", l.getScore());
            List<Object> ev = new ArrayList<>();
            for (Evidence e : l.getEvidence()) {
                Map<String, Object> em = new LinkedHashMap<>();
                em.put("phrase", e.getPhrase());
                em.put("start", e.getStart());
                em.put("end", e.getEnd());
                em.put("rule", e.getRule());
                ev.add(em);
            }
            lm.put("evidence", ev);
            out.add(lm);
        }
        return out;
    }
}
