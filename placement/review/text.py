"""The words of the pages, in English; their Dutch is in the catalog (:mod:`placement.i18n`).

Each entry is ``key: text`` (or ``(context, text)`` where one English word
needs two Dutch ones); ``{name}`` marks a value the page fills in. The
reasons, rules and limits of a household are shown as the result files
word them, in the language of the run.
"""

from __future__ import annotations

from placement.i18n import LANGUAGES, N_, NP_, _, pgettext, using
from placement.vocab import KPIS, PLAN_TERM_WORDS

TEXT: dict[str, str | tuple[str, str]] = {
    # titles and sections
    "run_title": N_("Placement proposal"),
    "whatif_title": N_("What-if comparison"),
    "outlook_title": N_("Outlook: the weeks ahead"),
    "links_title": N_("Status holders linked to gemeenten"),
    "sec_summary": N_("Key figures"),
    "sec_map": N_("Map"),
    "sec_households": N_("Households"),
    "sec_locations": N_("Locations"),
    "sec_shortages": N_("Shortages"),
    "sec_provenance": N_("Provenance of this run"),
    "sec_kpis": N_("Key figures side by side"),
    "sec_variants": N_("Variants"),
    "sec_diffmap": N_("Difference map"),
    "sec_changes": N_("Changes per location"),
    "sec_closures": N_("Moves caused by a closure"),
    "sec_first_shortage": N_("First week short"),
    "sec_fans": N_("Fan charts"),
    "sec_capacity": N_("Capacity per province and type"),
    "sec_differences": N_("Differences between variants"),
    "sec_gemeenten": N_("Gemeenten"),
    "mode_weekly": N_("weekly placement"),
    "mode_rebalance": N_("rebalance"),
    "mode": N_("mode"),
    "planning_date": N_("planning date"),
    "landscape": N_("landscape"),
    "start": N_("start"),
    "weeks_reps": N_("{w} weeks × {r} replications"),
    "variants_n": N_("{n} variant(s)"),
    # statuses and words
    "status_optimal": N_("optimal"),
    "status_time_limit": N_("time limit reached"),
    "status_no_solution": N_("no solution"),
    "status_stay": N_("stays"),
    "status_move": NP_("household status", "moves"),
    "status_new": N_("new, placed"),
    "status_unplaced": N_("no bed"),
    "override_pin": N_("pinned"),
    "override_forbid": N_("location forbidden"),
    "action_pin": N_("pin to"),
    "action_forbid": N_("forbid"),
    "yes": N_("yes"),
    "no": N_("no"),
    "bool_true": N_("yes"),
    "bool_false": N_("no"),
    "all": N_("all"),
    "all_types": N_("all types"),
    "national": N_("national"),
    "closed": N_("closed"),
    "new_arrival": N_("new arrival"),
    "no_bed": N_("no bed"),
    "unlinked": N_("not linked"),
    "never": N_("never"),
    "week": N_("week"),
    "week_n": N_("week {n}"),
    "mean": N_("mean"),
    "capacity": N_("capacity"),
    "variant": N_("variant"),
    "kpi": N_("key figure"),
    "change_of": N_("{name} change"),
    "as_given": N_("as given"),
    # key figures
    "kpi_status": N_("Status"),
    "kpi_mip_gap": N_("Gap"),
    "gap": N_("gap"),
    "kpi_persons": N_("Persons"),
    "kpi_placed": N_("Placed"),
    "of_persons": N_("of {n} persons"),
    "kpi_unplaced": N_("Unplaced"),
    "kpi_new_arrivals": N_("New arrivals"),
    "kpi_moved_persons": N_("Moved persons"),
    "kpi_moved_children": N_("Moved children"),
    "kpi_children_over_cap": N_("Children over the move cap"),
    "kpi_family_splits": N_("Family groups split"),
    "kpi_flex_beds_used": N_("Flexible beds used"),
    "kpi_distance_km_mean": N_("Mean km to housing gemeente"),
    "kpi_distance_km_p95": N_("95th percentile km"),
    "kpi_emergency_places_used": N_("Emergency places used"),
    "kpi_cost_per_night_eur": N_("Cost per night (euro)"),
    "kpi_open_locations": N_("Open locations"),
    "kpi_open_capacity": N_("Beds at open locations"),
    "kpi_objective": N_("Objective"),
    "kpi_cost": N_("Cost per night"),
    "cost_note": N_("term cost {term} (weight {weight})"),
    "kpi_linked_persons": N_("Linked persons"),
    "kpi_unlinked_persons": N_("Unlinked persons"),
    "occupancy_of": N_("occupancy {province}"),
    # warnings
    "warnings": N_("Warnings"),
    "no_warnings": N_("No warnings."),
    "input_warning": N_("input"),
    "warn_status": N_(
        "The solver stopped with status “{status}” (gap {gap}): the proposal is valid but "
        "possibly not optimal."
    ),
    "warn_unplaced": N_(
        "{n} persons have no bed; see the shortages, and per household the limit that ran out."
    ),
    "warn_children_over_cap": N_(
        "{n} moved children had already been moved before (over the move cap)."
    ),
    "warn_family_splits": N_("Family groups are spread over {n} extra location(s)."),
    "warn_wrong_type_persons": N_(
        "{n} persons stay at a location whose type does not suit their track."
    ),
    "warn_flex_beds_used": N_("{n} persons sleep in flexible beds."),
    "warn_over_limit": N_(
        "{n} location(s) were already over their limit and took no arrivals: {ids}."
    ),
    # map
    "map_title": N_("Occupancy after placement, and moves"),
    "map_hint": N_(
        "Size: occupancy after placement; colour: type; × closed; red ring: over its limit. "
        "Hover a location for details, click it to list its households; scroll to zoom."
    ),
    "map_moves": NP_("map layer", "moves"),
    "persons_households": N_("{p} persons, {h} households"),
    # tables
    "sort_hint": N_("click to sort"),
    "page_of": N_("page {page} of {pages}"),
    "rows_shown": N_("{shown} of {total} {what}"),
    "page_first": N_("first page"),
    "page_prev": N_("previous page"),
    "page_next": N_("next page"),
    "page_last": N_("last page"),
    "households_word": N_("households"),
    "locations_word": N_("locations"),
    "gemeenten_word": N_("gemeenten"),
    "search_households": N_("Search household (id) or text"),
    "search_locations": N_("Search location or gemeente"),
    "search_gemeenten": N_("Search gemeente"),
    "location_hint": N_("Click a location to list its households."),
    "col_household": N_("household"),
    "col_household_id": N_("household"),
    "col_persons": N_("persons"),
    "col_children": N_("children"),
    "col_track": N_("track"),
    "col_status": N_("status"),
    "col_from": N_("from"),
    "col_to": N_("to"),
    "col_reason": N_("reason"),
    "col_location": N_("location"),
    "col_location_id": N_("location"),
    "col_name": N_("name"),
    "col_type": N_("type"),
    "col_gemeente": N_("gemeente"),
    "col_gemeente_code": N_("code"),
    "col_province": N_("province"),
    "col_capacity": N_("capacity"),
    "col_flex_capacity": N_("flexible beds"),
    "col_flex_used": N_("flex used"),
    "col_occupancy_before": N_("occupancy before"),
    "col_occupancy_after": N_("occupancy after"),
    "col_arrivals": N_("arrivals"),
    "col_departures": N_("departures"),
    "col_children_after": N_("children after"),
    "col_max_children": N_("max. children"),
    "col_over_limit": N_("over limit"),
    "col_open": N_("open"),
    "col_distance": N_("distance"),
    "col_distance_km": N_("km"),
    "col_options": N_("options"),
    "col_quota": N_("quota"),
    "col_linked_persons": N_("linked"),
    "col_remaining": N_("remaining"),
    "col_variant": N_("variant"),
    "col_capacity_baseline": N_("capacity baseline"),
    "col_capacity_variant": N_("capacity variant"),
    "col_occupancy_after_baseline": N_("occupancy baseline"),
    "col_occupancy_after_variant": N_("occupancy variant"),
    "col_occupancy_change": NP_("difference", "change"),
    "col_change": NP_("kind of change", "change"),
    "col_from_location_id": N_("from"),
    "col_baseline_to_location_id": N_("to (baseline)"),
    "col_baseline_status": N_("status (baseline)"),
    "col_to_location_id": N_("to (variant)"),
    "col_occupancy_p50": N_("occupancy p50"),
    "col_occupancy_p90": N_("occupancy p90"),
    "col_beds_short_p50": N_("beds short p50"),
    "col_beds_short_p90": N_("beds short p90"),
    "col_spread_key": N_("spread key"),
    "change_added": N_("added"),
    "change_closed": N_("closed"),
    "change_removed": N_("removed"),
    "change_capacity": N_("capacity changed"),
    # the household view
    "pick_household": N_("Pick a household in the table to see its explanation."),
    "household": N_("Household"),
    "children_n": N_("{n} children"),
    "rules": N_("Rules that limited the choice"),
    "limit": N_("What ran out"),
    "next_best": N_("Next-best location"),
    "no_next_best": N_(
        "None: the household had no other allowed location, or was not reconsidered this week."
    ),
    "has_room": N_("had room ({n} beds free)"),
    "no_room": N_("had no room ({n} beds free)"),
    "term": N_("term"),
    "delta": NP_("difference", "change"),
    "delta_total": N_("total"),
    "delta_hint": N_(
        "Positive: it would cost more there. A negative total: cheaper there, but something else "
        "(usually room) held it back."
    ),
    "term_unplaced": N_("unplaced"),
    "term_wrong_type": N_("wrong type"),
    "term_family_split": N_("family split"),
    "term_child_over_cap": N_("child over move cap"),
    "term_child_move": N_("child moved"),
    "term_move": N_("move"),
    "term_distance": N_("distance"),
    "term_cost": N_("cost"),
    "term_closing_soon": N_("closing soon"),
    "term_flex_bed": N_("flexible bed"),
    "term_moves_ahead": N_("expected later move"),
    "limit_no_fitting_location": N_("no fitting location"),
    "limit_over_limits": N_("all fitting locations over their limits"),
    "limit_forbidden": N_("ruled out by a planner"),
    "limit_beds": N_("beds"),
    "limit_child_places": N_("child places"),
    "limit_time_limit": N_("time limit"),
    "limit_cost": N_("cost"),
    # the planner's marks
    "mark_title": N_("Mark for the next run"),
    "mark_reason_hint": N_("reason (required)"),
    "mark_add": N_("Add mark"),
    "mark_needs_reason": N_("Give a reason."),
    "mark_remove": N_("remove"),
    "marks_title": N_("Marks"),
    "marks_none": N_("No marks yet."),
    "marks_download": N_("Download overrides.csv"),
    "marks_hint": N_(
        "Put the file in the scenario folder as overrides.csv (add its lines to an existing one) "
        "and run placement place again. The page sends nothing."
    ),
    "loc_proposed": N_("proposed"),
    "loc_next_best": N_("next best"),
    "loc_current": N_("current"),
    "no_explanations": N_("This folder has no explanations.csv: the reason per household only."),
    # shortages
    "short_track": N_("track"),
    "short_medical": N_("medical"),
    "short_with_children": N_("with children"),
    "short_households": N_("households"),
    "short_persons": N_("persons"),
    "short_unplaced_households": N_("households unplaced"),
    "short_unplaced_persons": N_("persons unplaced"),
    "short_unplaced_children": N_("children unplaced"),
    "short_allowed_types": N_("allowed types"),
    "short_needs_medical": N_("needs care"),
    "short_needs_child_suitable": N_("needs child-suitable"),
    "short_fitting_locations": N_("fitting locations"),
    "short_free_beds_after": N_("free beds after"),
    "short_beds_needed": N_("beds needed"),
    "short_child_places_needed": N_("child places needed"),
    "no_shortages_file": N_("This folder has no shortages.csv."),
    # provenance
    "history_id": N_("run in the history"),
    "history_none": N_("not recorded"),
    "version_written": N_("written by"),
    "weights": N_("weights"),
    "solver": N_("solver"),
    "versions": N_("versions"),
    "inputs": N_("Input files"),
    "inputs_unknown": N_("The input files of this run are not known (not found in the history)."),
    "file": N_("file"),
    "bytes": N_("bytes"),
    "footer": N_("Made by {made}. This page works offline and sends nothing."),
    "licences": N_("Charts: plotly.js (MIT licence, © Plotly)."),
    "page_failed": N_("The page could not be built:"),
    # what-if
    "diff_same": N_("no change"),
    "diff_added": N_("added location"),
    "diff_closed": N_("closed location"),
    "diff_changed": N_("occupancy changed"),
    "diffmap_title": N_("{name} compared with the baseline"),
    "diffmap_hint": N_(
        "Colour and size: change in occupancy (red fewer, blue more); lines: moves caused by a "
        "closure."
    ),
    "map_closure_moves": N_("moves caused by a closure"),
    "occupancy_base_variant": N_("occupancy baseline → variant"),
    "capacity_base_variant": N_("capacity baseline → variant"),
    "occupancy_change": N_("occupancy change"),
    "no_changes": N_("No location changes."),
    "no_closure_moves": N_("No moves caused by a closure."),
    # outlook
    "first_shortage_hint": N_(
        "The first week in which the median (p50) or the worst tenth (p90) of the replications "
        "has persons without a bed of that type."
    ),
    "fans_hint": N_("Line: median; band: 10–90 % of the replications; dashed: capacity."),
    "fan_occupancy": N_("{type}: occupancy and capacity"),
    "fan_unplaced": N_("persons without a bed"),
    "fan_child_moves": N_("children moved (cumulative)"),
    "fan_arrived_children": N_("children arrived (cumulative)"),
    "fan_arrived_children_moved_twice": N_("arrived children moved beyond the cap (cumulative)"),
    "fan_moves": N_("persons moved (cumulative)"),
    "fan_linked": N_("status holders linked (cumulative)"),
    "beds_short_title": N_("Beds short per type, national (p50)"),
    "beds_short_p50": N_("beds short p50"),
    "total_moved_persons": N_("persons moved"),
    "total_moved_children": N_("children moved"),
    "total_children_over_cap": N_("children over the move cap"),
    "total_linked": N_("linked"),
    "total_departures_housing": N_("departures to housing"),
    "total_departures_other": N_("other departures"),
    "total_arrivals": N_("arrivals"),
    "total_arrived_children": N_("children arrived"),
    "total_arrived_children_moved_twice": N_("arrived children moved beyond the cap"),
    "total_children_over_cap_floor": N_("over-cap child moves no policy could avoid"),
    # links
    "links_map_title": N_("Quotas and links"),
    "map_links": N_("links"),
    "links_to": N_("{n} persons to {name}"),
    "gemeenten_quota": N_("gemeenten (size: quota; red: full)"),
    # plan
    "plan_title": N_("Capacity plan: which sites open, and when"),
    "plan_sub": N_("{f} futures × {w} weeks · {c} candidates"),
    "sec_plan_map": N_("Candidates on the map"),
    "sec_plan_fans": N_("Beds against demand"),
    "sec_evaluation": N_("Proof on new futures"),
    "sec_candidates": N_("Candidates"),
    "plan_fans_hint": N_(
        "Demand: persons in reception per week (band: 10–90 % of the futures, line: median). "
        "Beds: the usable share of the beds of the types these tracks may use, as they are "
        "(dashed) and with the plan (solid)."
    ),
    "plan_fan_title": N_("{type}: tracks {tracks}"),
    "plan_demand": N_("demand"),
    "plan_beds_now": N_("beds now"),
    "plan_beds_plan": N_("beds with the plan"),
    "plan_opened_in": N_("open from week {n}"),
    "plan_not_opened": N_("not opened"),
    "plan_evaluation_hint": N_(
        "Each variant simulated with the weekly placement on new futures: none (no candidate), "
        "plan, mean (the plan for the mean demand) and all (every candidate from its first week)."
    ),
    "plan_no_evaluation": N_("Not proven: run placement plan with --evaluate R."),
    "kpi_opened": N_("opened"),
    "of_candidates": N_("of {n} candidates"),
    "kpi_opened_places": N_("places opened"),
    "kpi_short_nights": N_("expected person-nights without a bed"),
    "kpi_bound": N_("bound"),
    "kpi_expected_cost": N_("Expected cost"),
    "plan_cost_term": N_("cost item"),
    "plan_by_track": N_("Expected person-nights without a bed, by track"),
    "plan_track": N_("track"),
    "plan_track_types": N_("types it may use"),
    "plan_relievable": N_("a candidate can relieve it"),
    "plan_unrelievable": N_(
        "{n} of them no candidate can relieve: no candidate is of a type these tracks may use "
        "({tracks}). More candidates of those types, not more of these, would lower them."
    ),
    "plan_fan_tracks": N_("tracks {tracks}"),
    # the evaluation of a plan: one row per figure, one column per variant
    "eval_opened": N_("candidates opened"),
    "eval_opened_places": N_("places opened"),
    "eval_person_nights_without_bed": N_("person-nights without a bed"),
    "eval_predicted_person_nights_without_bed": N_(
        "person-nights without a bed, as the model predicts"
    ),
    "eval_held_person_nights": N_("person-nights held at another type"),
    "eval_first_week_short": N_("first week short of {type}"),
    "eval_child_moves": N_("children moved"),
    "eval_children_moved_twice": N_("children moved beyond the cap"),
    "eval_candidate_cost": N_("cost of the candidates (euro)"),
    "eval_shortage_cost": N_("cost of the shortage (euro)"),
    "eval_held_cost": N_("cost of holding at another type (euro)"),
    "eval_spread_cost": N_("cost of the uneven spread (euro)"),
    "eval_cost": N_("total cost (euro)"),
    "eval_replications": N_("futures simulated"),
    "eval_mean": N_("{figure} (mean)"),
    "eval_p90": N_("{figure} (worst tenth, p90)"),
    "col_candidate_id": N_("candidate"),
    "col_open_week": N_("opens in week"),
    "col_open_date": N_("opens on"),
    "col_cost": N_("cost (euro)"),
    # variants by id: a Dutch label beside the id
    "variant_baseline": N_("the scenario as given"),
    "variant_none": N_("no candidate"),
    "variant_plan": N_("the plan"),
    "variant_mean": N_("the plan for the mean demand"),
    "variant_all": N_("every candidate from its first week"),
    # the report: children moved beyond the cap, pins, technical figures
    "filter_over_cap": N_("beyond the move cap"),
    "over_cap_n": N_("{n} children moved beyond the move cap"),
    "col_children_over_cap": N_("children beyond the move cap"),
    "pin_only_room": N_("Pins go only to locations with room for this household."),
    "sec_technical": N_("How the solver did"),
    "objective_hint": N_(
        "The objective is the weighted sum of the terms the solver minimises; the gap is how "
        "far it may at most be from the best possible placement."
    ),
    "gap_percent": N_("{gap} %"),
    "weights_terms": N_("weights"),
    "weight_max_child_moves": N_("moves per child before the cap"),
    "weight_lookahead_days": N_("days looked ahead for closing locations"),
    "weight_ahead": N_("weight of the expected later move"),
    "solver_time_limit": N_("time limit (seconds)"),
    "solver_mip_gap": N_("allowed gap"),
    "solver_threads": N_("threads"),
    "spread_key_hint": N_(
        "Spread key: the beds a province would have if this scenario's beds were spread as the "
        "Spreidingswet spreads them (by population)."
    ),
}


def strings(lang: str) -> dict[str, str]:
    """Every text of the pages in ``lang`` (``nl`` or ``en``).

    Raises
    ------
    ValueError
        For a language the pages are not written in.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use {' or '.join(LANGUAGES)}")
    with using(lang):
        words = {key: _said(text) for key, text in TEXT.items()}
        for kpi in KPIS:  # every key figure has a label, as the command line prints it
            label = _(kpi.label)
            words.setdefault(f"kpi_{kpi.name}", label[:1].upper() + label[1:])
        for term, text in PLAN_TERM_WORDS.items():
            words[f"plan_term_{term}"] = _(text)
        return words


def _said(text: str | tuple[str, str]) -> str:
    """One entry in the current language.

    An empty text stays empty: gettext would give the catalog's header for it.
    """
    if isinstance(text, tuple):
        return pgettext(*text) if text[1] else ""
    return _(text) if text else ""
