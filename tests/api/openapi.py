"""Checking real responses against the API's own OpenAPI schema."""

from jsonschema import Draft202012Validator


def _json_schema(node):
    """OpenAPI 3.0's ``nullable`` spelled as JSON Schema, which jsonschema understands."""
    if isinstance(node, list):
        return [_json_schema(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _json_schema(value) for key, value in node.items()}
    if node.pop("nullable", False):
        if "type" in node:
            node["type"] = [node["type"], "null"]
            if "enum" in node:
                node["enum"] = [*node["enum"], None]
        else:
            node = {"anyOf": [node, {"type": "null"}]}
    return node


def response_schema(spec, path, method, status):
    content = spec["paths"][path][method]["responses"][str(status)]["content"]["application/json"]
    return {"components": _json_schema(spec["components"]), **_json_schema(content["schema"])}


def assert_matches(spec, path, method, response):
    schema = response_schema(spec, path, method, response.status_code)
    errors = sorted(Draft202012Validator(schema).iter_errors(response.json()), key=str)
    assert not errors, [f"{list(error.absolute_path)}: {error.message}" for error in errors]
