/// The report schemas (docs/schema, which is this folder) compiled into the binary and served at
/// `/schema/NAME` for the OpenAPI document's `$ref`s. A name not in this table is a 404: no path from
/// the URL reaches the file system.
enum EmbeddedSchemas {
    static let byName: [String: [UInt8]] = [
        "ahp.schema.json": PackageResources.ahp_schema_json,
        "archetypes.schema.json": PackageResources.archetypes_schema_json,
        "catchment.schema.json": PackageResources.catchment_schema_json,
        "enquiry-page.schema.json": PackageResources.enquiry_page_schema_json,
        "enquiry-request.schema.json": PackageResources.enquiry_request_schema_json,
        "enquiry.schema.json": PackageResources.enquiry_schema_json,
        "error.schema.json": PackageResources.error_schema_json,
        "explain.schema.json": PackageResources.explain_schema_json,
        "export-sites.schema.json": PackageResources.export_sites_schema_json,
        "inspect.schema.json": PackageResources.inspect_schema_json,
        "isochrones.schema.json": PackageResources.isochrones_schema_json,
        "logged-enquiry.schema.json": PackageResources.logged_enquiry_schema_json,
        "match.schema.json": PackageResources.match_schema_json,
        "matrix.schema.json": PackageResources.matrix_schema_json,
        "scenario-diff.schema.json": PackageResources.scenario_diff_schema_json,
        "sites.schema.json": PackageResources.sites_schema_json,
        "stability.schema.json": PackageResources.stability_schema_json,
        "travel-times.schema.json": PackageResources.travel_times_schema_json,
        "validate.schema.json": PackageResources.validate_schema_json,
    ]
}
