package io.geoingest.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class or method that reads the real-world files of {@link TestDatabases#CORPUS}
 * (../shared/corpus/carto). It runs when that directory is there and is reported as skipped
 * when it is not (a user's clone has no ../shared); the build then says so once, in one line
 * (the no-corpus profile of pom.xml). Tests that only need some input make their own instead.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(CorpusCondition.class)
public @interface NeedsCorpus {
}
