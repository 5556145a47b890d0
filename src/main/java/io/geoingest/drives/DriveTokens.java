package io.geoingest.drives;

import io.geoingest.drives.DriveSource.DriveFile;
import io.geoingest.kernel.ErrorCode;
import io.geoingest.kernel.ImportException;
import java.util.Map;

/**
 * The tokens configured for one cloud drive ({@code geoingest.drives.<drive>.tokens}), by
 * username, and the rule every drive applies: an import without a token fails with the drive's
 * own code.
 *
 * @param drive   the drive's name in messages ("Box")
 * @param setting the setting that holds the tokens
 */
record DriveTokens(Map<String, String> configured, ErrorCode missing, String drive, String setting) {

    /** The token configured for {@code username}, or null. */
    String of(String username) {
        return configured.get(username);
    }

    /** The file's token: present, or the import fails. */
    String require(DriveFile file) {
        if (file.token() == null || file.token().isBlank()) {
            throw new ImportException(missing, "No " + drive + " token for this account: set " + setting
                    + " or send service_token");
        }
        return file.token();
    }
}
