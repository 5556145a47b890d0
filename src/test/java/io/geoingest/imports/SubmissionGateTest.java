package io.geoingest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SubmissionGateTest {
    private final SubmissionGate gate = new SubmissionGate(2);

    @Test
    void letsThroughAsManyAsTheAccountMayRunAndRefusesTheNextAtOnce() {
        SubmissionGate.Pass first = gate.enter("alice");
        SubmissionGate.Pass second = gate.enter("alice");
        assertThatThrownBy(() -> gate.enter("alice")).isInstanceOf(TooManyImports.class);
        gate.enter("bob").close();
        first.close();
        gate.enter("alice").close();
        second.close();
    }

    @Test
    void aClosedPassGivesItsPlaceBackOnce() {
        SubmissionGate.Pass pass = gate.enter("alice");
        pass.close();
        pass.close();
        SubmissionGate.Pass a = gate.enter("alice");
        SubmissionGate.Pass b = gate.enter("alice");
        assertThatThrownBy(() -> gate.enter("alice")).isInstanceOf(TooManyImports.class);
        a.close();
        b.close();
    }
}
