package org.bulletin.publish.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

/**
 * Everything the store does differently on PostgreSQL and on H2 (in PostgreSQL mode, the embedded default): the
 * vendor folder of the migrations and the full-text search. The rest of the SQL is common to both.
 */
enum StoreDialect {
    POSTGRESQL("postgresql") {
        @Override
        void appendTextSearch(StringBuilder sql, List<Object> args, String text) {
            sql.append(" AND r.search_vector @@ (websearch_to_tsquery('english'::regconfig, ?)"
                    + " || websearch_to_tsquery('russian'::regconfig, ?))");
            args.add(text);
            args.add(text);
        }
    },

    H2("h2") {
        @Override
        void appendTextSearch(StringBuilder sql, List<Object> args, String text) {
            // Every word must occur in title or body, case-insensitively (see h2/V2__fulltext.sql).
            for (String word : text.trim().toLowerCase(Locale.ROOT).split("\\s+")) {
                String pattern =
                        "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                sql.append(" AND (LOWER(r.title) LIKE ? ESCAPE '\\' OR LOWER(r.body) LIKE ? ESCAPE '\\')");
                args.add(pattern);
                args.add(pattern);
            }
        }
    };

    private final String migrationFolder;

    StoreDialect(String migrationFolder) {
        this.migrationFolder = migrationFolder;
    }

    /** The dialect of the database {@code c} is connected to. */
    static StoreDialect of(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres") ? POSTGRESQL : H2;
    }

    /** Flyway location of this database's own migrations (beside the common ones). */
    String migrationLocation() {
        // This Flyway edition has no {vendor} placeholder, so the vendor folder is chosen here.
        return "classpath:db/migration/" + migrationFolder;
    }

    /** Adds a condition on {@code r} (the releases table) that matches releases containing the words of {@code text}. */
    abstract void appendTextSearch(StringBuilder sql, List<Object> args, String text);
}
