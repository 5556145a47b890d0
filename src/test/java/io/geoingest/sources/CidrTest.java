package io.geoingest.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @ParameterizedTest
    @CsvSource({
            "10.0.0.0/8, 10.255.1.2, true", "10.0.0.0/8, 11.0.0.1, false",
            "169.254.169.254, 169.254.169.254, true", "169.254.169.254, 169.254.169.253, false",
            "192.168.16.0/20, 192.168.31.255, true", "192.168.16.0/20, 192.168.32.0, false",
            "0.0.0.0/0, 203.0.113.9, true", "0.0.0.0/0, ::1, false",
            "fd00:ec2::254/128, fd00:ec2:0::254, true", "fd00::/8, fd12::1, true", "fd00::/8, fe80::1, false",
            "10.0.0.0/8, ::ffff:10.1.1.1, true"})
    void contains(String network, String address, boolean expected) throws Exception {
        assertThat(Cidr.valueOf(network).contains(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "localhost", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/x",
            "10.0.0.256", "1.2.3", "2130706433"})
    void invalid(String value) {
        assertThatThrownBy(() -> Cidr.valueOf(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(value);
    }
}
