// libyaml's event API, for screening YAML before Yams composes it (StrictYAML in SiteMatchData).
//
// Which copy of libyaml runs: Yams 6.2.2 compiles its own copy of libyaml (its CYaml target) into
// every binary that uses it. This module only declares the API from Debian's libyaml-dev header
// (0.2.5) and deliberately links nothing (no `link` line, no pkg-config), so our calls bind to the
// copy Yams already linked in: one libyaml in the process, no -lyaml. The two headers declare the
// same structs and functions (checked with diff: they differ only in comments, include order and
// one function Yams' newer copy adds, yaml_set_max_nest_level, which we do not call).
#include <yaml.h>
