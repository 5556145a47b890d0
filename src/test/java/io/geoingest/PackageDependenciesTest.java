package io.geoingest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package graph of the service's own classes (not the tests'). Each top-level package of
 * {@code io.geoingest} is a node; a class of one using a class of another is an edge.
 *
 * <ul>
 *   <li>The graph has no cycle: a package can be read, tested and changed knowing only those it
 *       reaches.
 *   <li>{@code kernel} (the error codes, the import's options, state, record, progress and
 *       context, the file and identifier types every step shares) reaches no other package.
 *   <li>The capabilities that an import is made of (reading, fetching, formats, connectors,
 *       the sink, accounts, datasets) never reach {@code imports}, which orchestrates them
 *       (its Quartz jobs, repository and lifecycle).
 *   <li>Each provider of {@code connectors} is a package of its own ({@code connectors.mysql},
 *       {@code connectors.bigquery}, ...) that reaches no other provider's; what they share
 *       ({@code connectors} itself) names none of them, and finds each provider's part of a
 *       request through {@code META-INF/services}.
 * </ul>
 *
 * A rule broken names every offending edge, class and member.
 */
@AnalyzeClasses(packages = "io.geoingest", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageDependenciesTest {

    @ArchTest
    static final ArchRule topLevelPackagesFormNoCycle = slices().matching("io.geoingest.(*)..")
            .namingSlices("$1")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule kernelDependsOnNoOtherPackage = noClasses().that().resideInAPackage("io.geoingest.kernel..")
            .should().dependOnClassesThat(resideInAPackage("io.geoingest..")
                    .and(not(resideInAPackage("io.geoingest.kernel.."))))
            .as("io.geoingest.kernel depends on no other package of io.geoingest");

    @ArchTest
    static final ArchRule capabilitiesDoNotDependOnOrchestration = noClasses()
            .that().resideInAnyPackage("io.geoingest.accounts..", "io.geoingest.connectors..",
                    "io.geoingest.datasets..", "io.geoingest.drives..", "io.geoingest.fetch..",
                    "io.geoingest.formats..", "io.geoingest.rows..", "io.geoingest.sink..",
                    "io.geoingest.sources..")
            .should().dependOnClassesThat().resideInAPackage("io.geoingest.imports..")
            .as("the capabilities of an import do not depend on io.geoingest.imports, which orchestrates them");

    @ArchTest
    static final ArchRule connectorsSharedPartsNameNoProvider = noClasses().that().resideInAPackage("io.geoingest.connectors")
            .should().dependOnClassesThat().resideInAPackage("io.geoingest.connectors.*..")
            .as("io.geoingest.connectors (what the providers share) depends on no provider's package");

    @ArchTest
    static final ArchRule providersDoNotDependOnEachOther = slices().matching("io.geoingest.connectors.(*)..")
            .namingSlices("connectors.$1")
            .should().notDependOnEachOther();
}
