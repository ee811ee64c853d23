// Two tabs, one person: a three-way merge of the person's data. `base` is what this tab last knew to be stored,
// `mine` what it holds now, `theirs` what is stored now (another tab may have written since). Whatever this tab
// changed since base wins (a new or changed rating, a removal, an unseen mark, a setting); everything else is
// taken from theirs, so no tab's rating is ever dropped by another tab's write. See docs/DESIGN.md.
#pragma once
#include "person.hpp"

namespace wl::app {

PersonState merge_person(const PersonState& base, const PersonState& mine, const PersonState& theirs);

}  // namespace wl::app
