package io.geoingest.geocoding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.springframework.stereotype.Component;

/**
 * Country boundaries by name or ISO 3166 code, for {@code content_guessing}: Natural Earth's
 * 1:50m admin-0 boundaries and the names of every language of i18n-iso-countries, built into
 * {@code geocoding/countries.tsv.gz} by {@code src/main/geodata/build.mjs}. Loaded on first use
 * (a few megabytes), never fetched: the service does not reach the network for them.
 * <p>
 * A value matches a country when, compared without case, accents or punctuation, it is one of
 * the country's names, its alpha-2 or alpha-3 code, or its three-digit numeric code.
 */
@Component
public class CountryBoundaries {
    private static final String RESOURCE = "/geocoding/countries.tsv.gz";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final int SRID = 4326;

    private volatile Index index;

    /** The country a value names, as its alpha-2 code. */
    public Optional<String> country(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String key = normalise(value);
        return key.isEmpty() ? Optional.empty() : Optional.ofNullable(index().countries.get(key));
    }

    /** The boundary of a country given by its alpha-2 code, in EPSG:4326. */
    public Geometry boundary(String alpha2) {
        return index().boundaries.get(alpha2);
    }

    /** Lower case, without accents, punctuation or repeated spaces: how names are compared. */
    static String normalise(String value) {
        String s = MARKS.matcher(Normalizer.normalize(value, Normalizer.Form.NFKD)).replaceAll("");
        return NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private Index index() {
        Index i = index;
        if (i == null) {
            synchronized (this) {
                if (index == null) {
                    index = load();
                }
                i = index;
            }
        }
        return i;
    }

    private record Index(Map<String, String> countries, Map<String, Geometry> boundaries) {
    }

    private static Index load() {
        Map<String, String> countries = new HashMap<>();
        Map<String, Geometry> boundaries = new HashMap<>();
        WKTReader wkt = new WKTReader(new GeometryFactory(new PrecisionModel(), SRID));
        try (InputStream raw = CountryBoundaries.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8));
            String line;
            while ((line = lines.readLine()) != null) {
                String[] f = line.split("\t");
                if (f[0].equals("C")) {
                    boundaries.put(f[1], wkt.read(f[4]));
                    countries.putIfAbsent(normalise(f[1]), f[1]);
                    countries.putIfAbsent(normalise(f[2]), f[1]);
                    countries.putIfAbsent(f[3], f[1]);
                } else {
                    // English comes first in the file: a name two languages give two countries stays English.
                    countries.putIfAbsent(normalise(f[2]), f[1]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ParseException e) {
            throw new IllegalStateException(RESOURCE + " holds a boundary that is not WKT", e);
        }
        return new Index(Map.copyOf(countries), Map.copyOf(boundaries));
    }
}
