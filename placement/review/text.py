"""The words of the pages, in Dutch (what planners read) and English.

Each entry is ``key: (Dutch, English)``; ``{name}`` marks a value the page
fills in. The reasons, rules and limits of a household are shown as the
result files word them.
"""

from __future__ import annotations

from placement.vocab import Lang

#: Languages a page can be written in; the first is the default.
LANGUAGES = tuple(str(lang) for lang in Lang)

TEXT: dict[str, tuple[str, str]] = {
    # titles and sections
    "run_title": ("Plaatsingsvoorstel", "Placement proposal"),
    "whatif_title": ("Wat-als: vergelijking", "What-if comparison"),
    "outlook_title": ("Vooruitblik: simulatie van de komende weken", "Outlook: the weeks ahead"),
    "links_title": (
        "Koppeling van vergunninghouders aan gemeenten",
        "Status holders linked to gemeenten",
    ),
    "sec_summary": ("Kerncijfers", "Key figures"),
    "sec_map": ("Kaart", "Map"),
    "sec_households": ("Huishoudens", "Households"),
    "sec_locations": ("Locaties", "Locations"),
    "sec_shortages": ("Tekorten", "Shortages"),
    "sec_provenance": ("Herkomst van deze run", "Provenance of this run"),
    "sec_kpis": ("Kerncijfers naast elkaar", "Key figures side by side"),
    "sec_variants": ("Varianten", "Variants"),
    "sec_diffmap": ("Verschilkaart", "Difference map"),
    "sec_changes": ("Veranderingen per locatie", "Changes per location"),
    "sec_closures": ("Verhuizingen door sluiting", "Moves caused by a closure"),
    "sec_first_shortage": ("Eerste week met tekort", "First week short"),
    "sec_fans": ("Waaiergrafieken", "Fan charts"),
    "sec_capacity": ("Capaciteit per provincie en type", "Capacity per province and type"),
    "sec_differences": ("Verschillen tussen varianten", "Differences between variants"),
    "sec_gemeenten": ("Gemeenten", "Gemeenten"),
    "mode_weekly": ("weekplaatsing", "weekly placement"),
    "mode_rebalance": ("herverdeling", "rebalance"),
    "mode": ("modus", "mode"),
    "planning_date": ("planningsdatum", "planning date"),
    "landscape": ("landschap", "landscape"),
    "start": ("start", "start"),
    "weeks_reps": ("{w} weken \u00d7 {r} replicaties", "{w} weeks \u00d7 {r} replications"),
    "variants_n": ("{n} variant(en)", "{n} variant(s)"),
    # statuses and words
    "status_optimal": ("optimaal", "optimal"),
    "status_time_limit": ("tijdslimiet bereikt", "time limit reached"),
    "status_no_solution": ("geen oplossing", "no solution"),
    "status_stay": ("blijft", "stays"),
    "status_move": ("verhuist", "moves"),
    "status_new": ("nieuw geplaatst", "new, placed"),
    "status_unplaced": ("geen bed", "no bed"),
    "override_pin": ("vastgezet", "pinned"),
    "override_forbid": ("uitgesloten locatie", "location forbidden"),
    "action_pin": ("vastzetten op", "pin to"),
    "action_forbid": ("uitsluiten van", "forbid"),
    "yes": ("ja", "yes"),
    "no": ("nee", "no"),
    "bool_true": ("ja", "yes"),
    "bool_false": ("nee", "no"),
    "all": ("alle", "all"),
    "all_types": ("alle typen", "all types"),
    "closed": ("gesloten", "closed"),
    "new_arrival": ("nieuwe aankomst", "new arrival"),
    "no_bed": ("geen bed", "no bed"),
    "unlinked": ("niet gekoppeld", "not linked"),
    "never": ("nooit", "never"),
    "week": ("week", "week"),
    "week_n": ("week {n}", "week {n}"),
    "mean": ("gemiddeld", "mean"),
    "capacity": ("capaciteit", "capacity"),
    "variant": ("variant", "variant"),
    "kpi": ("kerncijfer", "key figure"),
    "change_of": ("verschil {name}", "{name} change"),
    "as_given": ("zoals gegeven", "as given"),
    # key figures
    "kpi_status": ("Status", "Status"),
    "kpi_mip_gap": ("Gap", "Gap"),
    "gap": ("gap", "gap"),
    "kpi_persons": ("Personen", "Persons"),
    "kpi_placed": ("Geplaatst", "Placed"),
    "of_persons": ("van {n} personen", "of {n} persons"),
    "kpi_unplaced": ("Zonder bed", "Unplaced"),
    "kpi_new_arrivals": ("Nieuwe aankomsten", "New arrivals"),
    "kpi_moved_persons": ("Verhuisd (personen)", "Moved persons"),
    "kpi_moved_children": ("Verhuisde kinderen", "Moved children"),
    "kpi_children_over_cap": ("Kinderen boven verhuisgrens", "Children over the move cap"),
    "kpi_family_splits": ("Gesplitste families", "Family groups split"),
    "kpi_flex_beds_used": ("Flexibele bedden", "Flexible beds used"),
    "kpi_distance_km_mean": ("Gem. km tot woongemeente", "Mean km to housing gemeente"),
    "kpi_distance_km_p95": ("95e percentiel km", "95th percentile km"),
    "kpi_emergency_places_used": ("Noodopvangplaatsen", "Emergency places used"),
    "kpi_cost_per_night_eur": ("Kosten per nacht (euro)", "Cost per night (euro)"),
    "kpi_open_locations": ("Open locaties", "Open locations"),
    "kpi_open_capacity": ("Bedden open locaties", "Beds at open locations"),
    "kpi_objective": ("Doelfunctie", "Objective"),
    "kpi_cost": ("Kosten per nacht", "Cost per night"),
    "cost_note": ("term cost {term} (gewicht {weight})", "term cost {term} (weight {weight})"),
    "kpi_linked_persons": ("Gekoppeld (personen)", "Linked persons"),
    "kpi_unlinked_persons": ("Niet gekoppeld (personen)", "Unlinked persons"),
    "occupancy_of": ("bezetting {province}", "occupancy {province}"),
    # warnings
    "warnings": ("Waarschuwingen", "Warnings"),
    "no_warnings": ("Geen waarschuwingen.", "No warnings."),
    "input_warning": ("invoer", "input"),
    "warn_status": (
        "De solver stopte met status \u201c{status}\u201d (gap {gap}): het voorstel is geldig, "
        "maar mogelijk niet optimaal.",
        "The solver stopped with status \u201c{status}\u201d (gap {gap}): the proposal is valid "
        "but possibly not optimal.",
    ),
    "warn_unplaced": (
        "{n} personen hebben geen bed; zie de tekorten en per huishouden de grens die opraakte.",
        "{n} persons have no bed; see the shortages, and per household the limit that ran out.",
    ),
    "warn_children_over_cap": (
        "{n} verhuisde kinderen waren al eerder verhuisd (boven de verhuisgrens).",
        "{n} moved children had already been moved before (over the move cap).",
    ),
    "warn_family_splits": (
        "Families staan verspreid over {n} extra locatie(s).",
        "Family groups are spread over {n} extra location(s).",
    ),
    "warn_wrong_type_persons": (
        "{n} personen blijven op een locatie waarvan het type niet past bij hun spoor.",
        "{n} persons stay at a location whose type does not suit their track.",
    ),
    "warn_flex_beds_used": (
        "{n} personen slapen in flexibele bedden.",
        "{n} persons sleep in flexible beds.",
    ),
    "warn_over_limit": (
        "{n} locatie(s) zaten al boven hun grens en namen niemand op: {ids}.",
        "{n} location(s) were already over their limit and took no arrivals: {ids}.",
    ),
    # map
    "map_title": ("Bezetting na plaatsing en verhuizingen", "Occupancy after placement, and moves"),
    "map_hint": (
        "Grootte: bezetting na plaatsing; kleur: type; \u00d7 gesloten; rode rand: boven de grens. "
        "Beweeg over een locatie voor details, klik om haar huishoudens te tonen; scrollen zoomt.",
        "Size: occupancy after placement; colour: type; \u00d7 closed; red ring: over its limit. "
        "Hover a location for details, click it to list its households; scroll to zoom.",
    ),
    "map_moves": ("verhuizingen", "moves"),
    "persons_households": ("{p} personen, {h} huishoudens", "{p} persons, {h} households"),
    # tables
    "sort_hint": ("klik om te sorteren", "click to sort"),
    "page_of": ("pagina {page} van {pages}", "page {page} of {pages}"),
    "rows_shown": ("{shown} van {total} {what}", "{shown} of {total} {what}"),
    "page_first": ("eerste pagina", "first page"),
    "page_prev": ("vorige pagina", "previous page"),
    "page_next": ("volgende pagina", "next page"),
    "page_last": ("laatste pagina", "last page"),
    "households_word": ("huishoudens", "households"),
    "locations_word": ("locaties", "locations"),
    "gemeenten_word": ("gemeenten", "gemeenten"),
    "search_households": ("Zoek huishouden (id) of tekst", "Search household (id) or text"),
    "search_locations": ("Zoek locatie of gemeente", "Search location or gemeente"),
    "search_gemeenten": ("Zoek gemeente", "Search gemeente"),
    "location_hint": (
        "Klik op een locatie om haar huishoudens te tonen.",
        "Click a location to list its households.",
    ),
    "col_household": ("huishouden", "household"),
    "col_household_id": ("huishouden", "household"),
    "col_persons": ("personen", "persons"),
    "col_children": ("kinderen", "children"),
    "col_track": ("spoor", "track"),
    "col_status": ("status", "status"),
    "col_from": ("van", "from"),
    "col_to": ("naar", "to"),
    "col_reason": ("reden", "reason"),
    "col_location": ("locatie", "location"),
    "col_location_id": ("locatie", "location"),
    "col_name": ("naam", "name"),
    "col_type": ("type", "type"),
    "col_gemeente": ("gemeente", "gemeente"),
    "col_gemeente_code": ("code", "code"),
    "col_province": ("provincie", "province"),
    "col_capacity": ("capaciteit", "capacity"),
    "col_flex_capacity": ("flexibele bedden", "flexible beds"),
    "col_flex_used": ("flex gebruikt", "flex used"),
    "col_occupancy_before": ("bezetting voor", "occupancy before"),
    "col_occupancy_after": ("bezetting na", "occupancy after"),
    "col_arrivals": ("instroom", "arrivals"),
    "col_departures": ("vertrek", "departures"),
    "col_children_after": ("kinderen na", "children after"),
    "col_max_children": ("max. kinderen", "max. children"),
    "col_over_limit": ("boven grens", "over limit"),
    "col_open": ("open", "open"),
    "col_distance": ("afstand", "distance"),
    "col_distance_km": ("km", "km"),
    "col_options": ("opties", "options"),
    "col_quota": ("taakstelling", "quota"),
    "col_linked_persons": ("gekoppeld", "linked"),
    "col_remaining": ("resterend", "remaining"),
    "col_variant": ("variant", "variant"),
    "col_capacity_baseline": ("capaciteit basis", "capacity baseline"),
    "col_capacity_variant": ("capaciteit variant", "capacity variant"),
    "col_occupancy_after_baseline": ("bezetting basis", "occupancy baseline"),
    "col_occupancy_after_variant": ("bezetting variant", "occupancy variant"),
    "col_occupancy_change": ("verschil", "change"),
    "col_change": ("wijziging", "change"),
    "col_from_location_id": ("van", "from"),
    "col_baseline_to_location_id": ("naar (basis)", "to (baseline)"),
    "col_baseline_status": ("status (basis)", "status (baseline)"),
    "col_to_location_id": ("naar (variant)", "to (variant)"),
    "col_occupancy_p50": ("bezetting p50", "occupancy p50"),
    "col_occupancy_p90": ("bezetting p90", "occupancy p90"),
    "col_beds_short_p50": ("tekort p50", "beds short p50"),
    "col_beds_short_p90": ("tekort p90", "beds short p90"),
    "col_spread_key": ("spreidingssleutel", "spread key"),
    "change_added": ("toegevoegd", "added"),
    "change_closed": ("gesloten", "closed"),
    "change_removed": ("verwijderd", "removed"),
    "change_capacity": ("capaciteit gewijzigd", "capacity changed"),
    "change_": ("", ""),
    # the household view
    "pick_household": (
        "Kies een huishouden in de tabel om de uitleg te zien.",
        "Pick a household in the table to see its explanation.",
    ),
    "household": ("Huishouden", "Household"),
    "children_n": ("{n} kinderen", "{n} children"),
    "rules": ("Regels die de keuze beperkten", "Rules that limited the choice"),
    "limit": ("Wat opraakte", "What ran out"),
    "next_best": ("Op een na beste locatie", "Next-best location"),
    "no_next_best": (
        "Geen: het huishouden had geen andere toegestane locatie, of werd deze week niet "
        "opnieuw bekeken.",
        "None: the household had no other allowed location, or was not reconsidered this week.",
    ),
    "has_room": ("had nog plaats ({n} bedden vrij)", "had room ({n} beds free)"),
    "no_room": ("had geen plaats ({n} bedden vrij)", "had no room ({n} beds free)"),
    "term": ("term", "term"),
    "delta": ("verschil", "change"),
    "delta_total": ("totaal", "total"),
    "delta_hint": (
        "Positief: daar zou het meer kosten. Negatief totaal: daar was het goedkoper, maar "
        "iets anders (meestal plaats) hield het tegen.",
        "Positive: it would cost more there. A negative total: cheaper there, but something "
        "else (usually room) held it back.",
    ),
    "term_unplaced": ("zonder bed", "unplaced"),
    "term_wrong_type": ("verkeerd type", "wrong type"),
    "term_family_split": ("familie gesplitst", "family split"),
    "term_child_over_cap": ("kind boven verhuisgrens", "child over move cap"),
    "term_child_move": ("kind verhuisd", "child moved"),
    "term_move": ("verhuizing", "move"),
    "term_distance": ("afstand", "distance"),
    "term_cost": ("kosten", "cost"),
    "term_closing_soon": ("sluit binnenkort", "closing soon"),
    "term_flex_bed": ("flexibel bed", "flexible bed"),
    "term_moves_ahead": ("verwachte latere verhuizing", "expected later move"),
    "limit_no_fitting_location": ("geen passende locatie", "no fitting location"),
    "limit_over_limits": (
        "alle passende locaties boven hun grens",
        "all fitting locations over their limits",
    ),
    "limit_forbidden": ("uitgesloten door planner", "ruled out by a planner"),
    "limit_beds": ("bedden", "beds"),
    "limit_child_places": ("kindplaatsen", "child places"),
    "limit_time_limit": ("tijdslimiet", "time limit"),
    "limit_cost": ("kosten", "cost"),
    # the planner's marks
    "mark_title": ("Markeer voor de volgende run", "Mark for the next run"),
    "mark_reason_hint": ("reden (verplicht)", "reason (required)"),
    "mark_add": ("Markeren", "Add mark"),
    "mark_needs_reason": ("Geef een reden.", "Give a reason."),
    "mark_remove": ("verwijderen", "remove"),
    "marks_title": ("Markeringen", "Marks"),
    "marks_none": ("Nog geen markeringen.", "No marks yet."),
    "marks_download": ("Download overrides.csv", "Download overrides.csv"),
    "marks_hint": (
        "Zet het bestand als overrides.csv in de scenariomap (voeg de regels toe aan een "
        "bestaand bestand) en draai placement place opnieuw. De pagina verstuurt niets.",
        "Put the file in the scenario folder as overrides.csv (add its lines to an existing "
        "one) and run placement place again. The page sends nothing.",
    ),
    "loc_proposed": ("voorgesteld", "proposed"),
    "loc_next_best": ("op een na beste", "next best"),
    "loc_current": ("huidige", "current"),
    "no_explanations": (
        "Deze map heeft geen explanations.csv: alleen de reden per huishouden.",
        "This folder has no explanations.csv: the reason per household only.",
    ),
    # shortages
    "short_track": ("spoor", "track"),
    "short_medical": ("medisch", "medical"),
    "short_with_children": ("met kinderen", "with children"),
    "short_households": ("huishoudens", "households"),
    "short_persons": ("personen", "persons"),
    "short_unplaced_households": ("huish. zonder bed", "households unplaced"),
    "short_unplaced_persons": ("pers. zonder bed", "persons unplaced"),
    "short_unplaced_children": ("kinderen zonder bed", "children unplaced"),
    "short_allowed_types": ("toegestane typen", "allowed types"),
    "short_needs_medical": ("zorg nodig", "needs care"),
    "short_needs_child_suitable": ("kindgeschikt nodig", "needs child-suitable"),
    "short_fitting_locations": ("passende locaties", "fitting locations"),
    "short_free_beds_after": ("vrije bedden na", "free beds after"),
    "short_beds_needed": ("bedden nodig", "beds needed"),
    "short_child_places_needed": ("kindplaatsen nodig", "child places needed"),
    "no_shortages_file": (
        "Deze map heeft geen shortages.csv.",
        "This folder has no shortages.csv.",
    ),
    # provenance
    "history_id": ("run in de geschiedenis", "run in the history"),
    "history_none": ("niet vastgelegd", "not recorded"),
    "version_written": ("geschreven door", "written by"),
    "weights": ("gewichten", "weights"),
    "solver": ("solver", "solver"),
    "versions": ("versies", "versions"),
    "inputs": ("Invoerbestanden", "Input files"),
    "inputs_unknown": (
        "De invoerbestanden van deze run zijn niet bekend (niet in de geschiedenis gevonden).",
        "The input files of this run are not known (not found in the history).",
    ),
    "file": ("bestand", "file"),
    "bytes": ("bytes", "bytes"),
    "footer": (
        "Gemaakt door {made}. Deze pagina werkt offline en verstuurt niets.",
        "Made by {made}. This page works offline and sends nothing.",
    ),
    "licences": (
        "Grafieken: plotly.js (MIT-licentie, \u00a9 Plotly).",
        "Charts: plotly.js (MIT licence, \u00a9 Plotly).",
    ),
    "page_failed": ("De pagina kon niet worden opgebouwd:", "The page could not be built:"),
    # what-if
    "diff_same": ("ongewijzigd", "no change"),
    "diff_added": ("toegevoegde locatie", "added location"),
    "diff_closed": ("gesloten locatie", "closed location"),
    "diff_changed": ("bezetting gewijzigd", "occupancy changed"),
    "diffmap_title": ("{name} vergeleken met de basis", "{name} compared with the baseline"),
    "diffmap_hint": (
        "Kleur en grootte: verandering van de bezetting (rood minder, blauw meer); lijnen: "
        "verhuizingen door een sluiting.",
        "Colour and size: change in occupancy (red fewer, blue more); lines: moves caused by a "
        "closure.",
    ),
    "map_closure_moves": ("verhuizingen door sluiting", "moves caused by a closure"),
    "occupancy_base_variant": (
        "bezetting basis \u2192 variant",
        "occupancy baseline \u2192 variant",
    ),
    "capacity_base_variant": (
        "capaciteit basis \u2192 variant",
        "capacity baseline \u2192 variant",
    ),
    "occupancy_change": ("verschil bezetting", "occupancy change"),
    "no_changes": ("Geen locatie verandert.", "No location changes."),
    "no_closure_moves": ("Geen verhuizingen door sluiting.", "No moves caused by a closure."),
    # outlook
    "first_shortage_hint": (
        "De eerste week waarin de mediaan (p50) of het slechtste tiende (p90) van de "
        "replicaties personen zonder bed van dat type heeft.",
        "The first week in which the median (p50) or the worst tenth (p90) of the replications "
        "has persons without a bed of that type.",
    ),
    "fans_hint": (
        "Lijn: mediaan; band: 10\u201390 % van de replicaties; gestreept: capaciteit.",
        "Line: median; band: 10\u201390 % of the replications; dashed: capacity.",
    ),
    "fan_occupancy": ("{type}: bezetting en capaciteit", "{type}: occupancy and capacity"),
    "fan_unplaced": ("personen zonder bed", "persons without a bed"),
    "fan_child_moves": ("verhuisde kinderen (cumulatief)", "children moved (cumulative)"),
    "fan_arrived_children": (
        "aangekomen kinderen (cumulatief)",
        "children arrived (cumulative)",
    ),
    "fan_arrived_children_moved_twice": (
        "aangekomen kinderen vaker verhuisd dan de grens (cumulatief)",
        "arrived children moved beyond the cap (cumulative)",
    ),
    "fan_moves": ("verhuisde personen (cumulatief)", "persons moved (cumulative)"),
    "fan_linked": (
        "gekoppelde vergunninghouders (cumulatief)",
        "status holders linked (cumulative)",
    ),
    "beds_short_title": (
        "Tekort aan bedden per type, landelijk (p50)",
        "Beds short per type, national (p50)",
    ),
    "beds_short_p50": ("tekort p50", "beds short p50"),
    "total_moved_persons": ("verhuisde personen", "persons moved"),
    "total_moved_children": ("verhuisde kinderen", "children moved"),
    "total_children_over_cap": ("kinderen boven verhuisgrens", "children over the move cap"),
    "total_linked": ("gekoppeld", "linked"),
    "total_departures_housing": ("uitstroom naar woning", "departures to housing"),
    "total_departures_other": ("overige uitstroom", "other departures"),
    "total_arrivals": ("instroom", "arrivals"),
    "total_arrived_children": ("aangekomen kinderen", "children arrived"),
    "total_arrived_children_moved_twice": (
        "aangekomen kinderen vaker verhuisd dan de grens",
        "arrived children moved beyond the cap",
    ),
    "total_children_over_cap_floor": (
        "onvermijdelijke verhuizingen boven de grens",
        "over-cap child moves no policy could avoid",
    ),
    # links
    "links_map_title": ("Taakstelling en koppelingen", "Quotas and links"),
    "map_links": ("koppelingen", "links"),
    "links_to": ("{n} personen naar {name}", "{n} persons to {name}"),
    "gemeenten_quota": (
        "gemeenten (grootte: taakstelling; rood: vol)",
        "gemeenten (size: quota; red: full)",
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
    i = LANGUAGES.index(lang)
    return {key: pair[i] for key, pair in TEXT.items()}
