package dev.pprof4j.profile;

/**
 * Field numbers of google/pprof's {@code proto/profile.proto}, one constant per field,
 * each commented with its declaration. The encoder and the decoder both use these, so a
 * field number appears in exactly one place.
 */
final class ProtoFields {
    private ProtoFields() {
    }

    // Wire types (protobuf encoding spec).
    static final int WIRE_VARINT = 0;
    static final int WIRE_FIXED64 = 1;
    static final int WIRE_LEN = 2;
    static final int WIRE_FIXED32 = 5;

    // message Profile
    /** repeated ValueType sample_type = 1; */
    static final int PROFILE_SAMPLE_TYPE = 1;
    /** repeated Sample sample = 2; */
    static final int PROFILE_SAMPLE = 2;
    /** repeated Mapping mapping = 3; */
    static final int PROFILE_MAPPING = 3;
    /** repeated Location location = 4; */
    static final int PROFILE_LOCATION = 4;
    /** repeated Function function = 5; */
    static final int PROFILE_FUNCTION = 5;
    /** repeated string string_table = 6; */
    static final int PROFILE_STRING_TABLE = 6;
    /** int64 drop_frames = 7; // Index into string table. */
    static final int PROFILE_DROP_FRAMES = 7;
    /** int64 keep_frames = 8; // Index into string table. */
    static final int PROFILE_KEEP_FRAMES = 8;
    /** int64 time_nanos = 9; */
    static final int PROFILE_TIME_NANOS = 9;
    /** int64 duration_nanos = 10; */
    static final int PROFILE_DURATION_NANOS = 10;
    /** ValueType period_type = 11; */
    static final int PROFILE_PERIOD_TYPE = 11;
    /** int64 period = 12; */
    static final int PROFILE_PERIOD = 12;
    /** repeated int64 comment = 13; // Indices into string table. */
    static final int PROFILE_COMMENT = 13;
    /** int64 default_sample_type = 14; // Index into string table. */
    static final int PROFILE_DEFAULT_SAMPLE_TYPE = 14;
    /** int64 doc_url = 15; // Index into string table (added to profile.proto in 2024). */
    static final int PROFILE_DOC_URL = 15;

    // message ValueType
    /** int64 type = 1; // Index into string table. */
    static final int VALUE_TYPE_TYPE = 1;
    /** int64 unit = 2; // Index into string table. */
    static final int VALUE_TYPE_UNIT = 2;

    // message Sample
    /** repeated uint64 location_id = 1; */
    static final int SAMPLE_LOCATION_ID = 1;
    /** repeated int64 value = 2; */
    static final int SAMPLE_VALUE = 2;
    /** repeated Label label = 3; */
    static final int SAMPLE_LABEL = 3;

    // message Label
    /** int64 key = 1; // Index into string table */
    static final int LABEL_KEY = 1;
    /** int64 str = 2; // Index into string table */
    static final int LABEL_STR = 2;
    /** int64 num = 3; */
    static final int LABEL_NUM = 3;
    /** int64 num_unit = 4; // Index into string table */
    static final int LABEL_NUM_UNIT = 4;

    // message Mapping
    /** uint64 id = 1; */
    static final int MAPPING_ID = 1;
    /** uint64 memory_start = 2; */
    static final int MAPPING_MEMORY_START = 2;
    /** uint64 memory_limit = 3; */
    static final int MAPPING_MEMORY_LIMIT = 3;
    /** uint64 file_offset = 4; */
    static final int MAPPING_FILE_OFFSET = 4;
    /** int64 filename = 5; // Index into string table */
    static final int MAPPING_FILENAME = 5;
    /** int64 build_id = 6; // Index into string table */
    static final int MAPPING_BUILD_ID = 6;
    /** bool has_functions = 7; */
    static final int MAPPING_HAS_FUNCTIONS = 7;
    /** bool has_filenames = 8; */
    static final int MAPPING_HAS_FILENAMES = 8;
    /** bool has_line_numbers = 9; */
    static final int MAPPING_HAS_LINE_NUMBERS = 9;
    /** bool has_inline_frames = 10; */
    static final int MAPPING_HAS_INLINE_FRAMES = 10;

    // message Location
    /** uint64 id = 1; */
    static final int LOCATION_ID = 1;
    /** uint64 mapping_id = 2; */
    static final int LOCATION_MAPPING_ID = 2;
    /** uint64 address = 3; */
    static final int LOCATION_ADDRESS = 3;
    /** repeated Line line = 4; */
    static final int LOCATION_LINE = 4;
    /** bool is_folded = 5; */
    static final int LOCATION_IS_FOLDED = 5;

    // message Line
    /** uint64 function_id = 1; */
    static final int LINE_FUNCTION_ID = 1;
    /** int64 line = 2; */
    static final int LINE_LINE = 2;
    /** int64 column = 3; (added to profile.proto in 2023) */
    static final int LINE_COLUMN = 3;

    // message Function
    /** uint64 id = 1; */
    static final int FUNCTION_ID = 1;
    /** int64 name = 2; // Index into string table */
    static final int FUNCTION_NAME = 2;
    /** int64 system_name = 3; // Index into string table */
    static final int FUNCTION_SYSTEM_NAME = 3;
    /** int64 filename = 4; // Index into string table */
    static final int FUNCTION_FILENAME = 4;
    /** int64 start_line = 5; */
    static final int FUNCTION_START_LINE = 5;
}
