package io.geoingest.kernel;

/**
 * The Import API error codes of the seed (004, "インポートエラー"), with the English title and
 * explanation CARTO showed in {@code get_error_text}.
 */
public enum ErrorCode {
    FILE_IO(1000, "File I/O error",
            "Something seems to have gone wrong with the file you uploaded. Check that it loads fine locally and try again.",
            Source.USER),
    DOWNLOAD(1001, "Download error",
            "The remote URL returned an error. Please check that your file is available at that URL.", Source.EXTERNAL),
    UNSUPPORTED_FILE(1002, "Unsupported file type",
            "Please check the list of supported file types and whether your file can be converted to one of them.",
            Source.USER),
    DECOMPRESSION(1003, "Decompression error",
            "Try decompressing the file on your computer. If that fails, find the original file and compress it again.",
            Source.USER),
    XLS(1004, "XLS/XLSX error",
            "The XLS/XLSX archive could not be opened or holds data that cannot be imported. Export it to CSV and upload that instead.",
            Source.USER),
    EMPTY_FILE(1005, "Empty file",
            "The file seems to have no information that can be processed. Check that it is correct and holds supported data.",
            Source.USER),
    INVALID_SHP(1006, "Invalid SHP file",
            "The file is corrupt. Check that the ZIP archive holds every part of the shapefile (.shp, .shx, .dbf, .prj).",
            Source.USER),
    TOO_MANY_NODES(1007, "Too many nodes",
            "You requested too many nodes. Request a smaller area, or split the extract.", Source.USER),
    GDRIVE_ACCESS_FORBIDDEN(1008, "GDrive access forbidden",
            "Google denied access to GDrive. If you use Google Apps, ask your administrator to allow third-party Drive applications and try again.",
            Source.USER),
    NOT_A_FILE(1010, "Not a file",
            "The import request holds no file. Check that the request is well formed and that a file was posted.",
            Source.USER),
    DATASOURCE_QUERY(1011, "Error retrieving data from datasource",
            "There was an error retrieving data from the datasource. Check that the file or data still exists.",
            Source.EXTERNAL),
    DATASOURCE_CONNECTION(1012, "Error connecting to datasource",
            "There was an error trying to connect to the datasource. If the problem persists, contact your administrator.",
            Source.EXTERNAL),
    INVALID_ARCGIS_VERSION(1013, "Invalid ArcGIS version",
            "The ArcGIS server runs a version that is not supported. Supported versions are 10.1 and later.",
            Source.EXTERNAL),
    INVALID_NAME(1014, "Invalid name",
            "The file name is not valid. Maybe there are too many tables with similar names. Rename the file and try again.",
            Source.USER),
    NO_RESULTS(1015, "No results",
            "The query worked, but returned no results. Change the parameters and run it again.", Source.USER),
    CONNECTOR_DISABLED(1501, "Connector not enabled",
            "This database connector is disabled in this service's configuration.", Source.CARTODB),
    DROPBOX_PERMISSION_REVOKED(1016, "Dropbox permission revoked",
            "CARTO does not have permission to access your Dropbox files. Import the file again.", Source.USER),
    GDRIVE_FILE_DELETED(1017, "GDrive file deleted",
            "The GDrive file was deleted and cannot be synchronized. Import the file again.", Source.USER),
    PASSWORD_PROTECTED(1018, "File is password protected",
            "The file is password protected and cannot be imported. Remove the protection or compress it again without a password.",
            Source.USER),
    TOO_MANY_LAYERS(1019, "Too many layers",
            "The file has too many layers. The maximum number of layers is 50.", Source.USER),
    DOWNLOAD_TIMEOUT(1020, "Download timeout",
            "The download of the data timed out. Check that the source is not running slowly.", Source.EXTERNAL),
    BOX_ACCESS_REVOKED(1021, "Box access revoked",
            "CARTO does not have permission to access your Box files. Import the file again.", Source.USER),
    DOWNLOAD_NOT_FOUND(1100, "Download file not found",
            "The URL provided does not return a file (error 404). Check that the URL is valid and the file can be downloaded.",
            Source.USER),
    DOWNLOAD_FORBIDDEN(1101, "Forbidden file URL",
            "The URL provided returned an authorization error. It is probably private or needs a user and password.",
            Source.USER),
    DOWNLOAD_UNKNOWN_SERVER(1102, "Unknown server URL",
            "The URL provided cannot be resolved to a known server. The URL may be wrong or behind a private network.",
            Source.USER),
    LOAD_FAILED(2001, "Unable to load data",
            "The data could not be loaded from the file into the database.", Source.CARTODB),
    MALFORMED_CSV(2003, "Malformed CSV",
            "The CSV (or the CSV converted from XLS/XLSX) has a malformed format or invalid characters, e.g. multi-line header fields or unquoted line breaks.",
            Source.USER),
    TOO_MANY_COLUMNS(2004, "Too many columns",
            "The data has too many columns. Reduce the number of columns and try again.", Source.USER),
    ENCODING_ERROR(2006, "Encoding error",
            "There is a problem reading the file: the encoding seems wrong, probably because of an invalid character. Save it as UTF-8 and try again.",
            Source.USER),
    MALFORMED_XLS(2008, "Malformed XLS",
            "The Excel file has an unsupported format or is corrupt. Open it and save it as CSV or XLSX.", Source.USER),
    INCOMPATIBLE_SCHEMA(2012, "Incompatible schemas",
            "The existing table cannot be overwritten because its columns are not compatible with the imported data.",
            Source.USER),
    INVALID_ROWS(2013, "Invalid rows",
            "The rows sent to the COPY sink cannot become a table. Send a list or an iterator of maps from column"
                    + " names to values, each column holding values of one type.", Source.USER),
    INVALID_GEOJSON(3007, "JSON may not be valid GeoJSON",
            "Only GeoJSON-formatted JSON files can be imported. Check whether the source offers GeoJSON.",
            Source.USER),
    UNKNOWN_SRID(3008, "Unknown SRID",
            "The SRID of the file is not in the spatial_ref_sys table.", Source.USER),
    MISSING_PRJ(3101, "Missing projection (.prj) file",
            "Every shapefile archive needs a .prj file named like the .shp.", Source.USER),
    EMPTY_KML(3202, "Empty KML",
            "This KML holds no data, only a link to another KML. Extract the URL and import it instead.", Source.USER),
    QUERY_TABLE(8003, "Error creating table from SQL query",
            "The table could not be created from the query. Check that it is one SELECT over your own tables"
                    + " and that no two columns have the same name.", Source.USER),
    DATASET_TOO_BIG(6666, "Dataset too big",
            "The dataset is too big to process. Split it into smaller files and import them.", Source.USER),
    IMPORT_TIMED_OUT(6667, "Import timed out",
            "The import took too long. If the problem persists, try again later.", Source.CARTODB),
    TOO_MANY_IMPORTS(6669, "Too many concurrent imports",
            "You cannot import more data until your active imports finish.", Source.USER),
    UNKNOWN(99999, "Unknown",
            "Sorry, something went wrong and we do not know what. Try again, or contact your administrator.",
            Source.CARTODB);

    /** Who is at fault, as CARTO's {@code get_error_text.source} reported it. */
    public enum Source {
        USER("user-data"), EXTERNAL("external-source"), CARTODB("cartodb");

        private final String label;

        Source(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final int code;
    private final String title;
    private final String whatAbout;
    private final Source source;

    ErrorCode(int code, String title, String whatAbout, Source source) {
        this.code = code;
        this.title = title;
        this.whatAbout = whatAbout;
        this.source = source;
    }

    public int code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String whatAbout() {
        return whatAbout;
    }

    public Source source() {
        return source;
    }

    public static ErrorCode of(int code) {
        for (ErrorCode c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return UNKNOWN;
    }
}
