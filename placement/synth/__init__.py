"""Seeded synthetic scenarios built from real reference data and published marginals.

:func:`generate_scenario` returns a ``locations`` frame, a ``persons`` frame and a
``scenario.toml`` dictionary that follow the input contract (``SPEC.md``);
:func:`write_scenario` writes them as a scenario folder. The same arguments
give byte-identical files. Nothing here describes a real person: every person
is drawn at random; only the *marginals* are real.

The generator reads only the reference data that ships with the package
(:mod:`placement.resources`: kept in the repository's ``data/`` folder,
built by ``scripts/build_reference_data.py``; see ``data/README.md``).

The steps, one module each: :mod:`~placement.synth.profiles` (the figures:
published marginals, assumptions, a profile per landscape),
:mod:`~placement.synth.households`, :mod:`~placement.synth.locations`,
:mod:`~placement.synth.generate` (the scenario) and
:mod:`~placement.synth.write` (the folder, columns as the input schema names them).

Real figures (source in ``data/reception_statistics.csv`` unless noted)
------------------------------------------------------------------------
- Gemeenten, their provinces, reference points and inhabitants on 1-1-2024
  (CBS / PDOK, CC BY 4.0; ``data/gemeenten.csv``): locations lie in real
  gemeenten, synthetic ones in proportion to the provinces' population (the
  Spreidingswet principle); housing gemeenten of status holders are drawn in
  proportion to population.
- 18 real COA locations with a capacity quoted in the news or on coa.nl
  (``data/coa_locations.csv``): names, gemeenten and relative sizes of the
  seed locations (e.g. Ter Apel 2,000 and Budel 1,500 as registration centres).
  Their dates and flags are synthetic.
- Share of minors among COA residents: 7,120 of 27,316 on 31-12-2019 (NJI,
  figures by COA) = 0.261; CBS gives 0.28 for first asylum applicants in Q3 2017.
- Share of unaccompanied minors (amv): 559 of 27,316 on 31-12-2019 (NJI) = 0.020.
- Share of status holders waiting for a home: 5,595 of 27,110 (coa.nl,
  11-11-2019) and 5,790 of 27,305 (1-6-2020): mean 0.209.
- Split of the non-registration population between regular azc's and
  emergency reception: 31,087 regular vs 20,834 noodopvang (coa.nl,
  25-9-2023), so 40 % of those beds are noodopvang; COA then had 81 regular
  and 132 emergency locations, so noodopvang is 62 % of the locations of
  that group.
- COA plans with 96 % occupancy of its beds (coa.nl, 2022): the total
  capacity, closed and not-yet-open locations included, is about
  ``persons / 0.96``.
- Ages of children: CBS 2016 inflow (4,000 under 5, 4,600 aged 5-11) gives
  the weights per year of age below 12; 12-17 is an assumption (600 a year).

Assumptions (not published; chosen to look plausible)
-----------------------------------------------------
- Households: 12 % couples without children; single parents : two-parent
  families = 1 : 2.7; children per family ``1 + Poisson(0.8)``. The shares of
  single adults, families and amv are then *solved* so the person shares of
  minors and amv match the real figures above (about 62 % of households are
  single adults). Amv are 14-17; adults 18-34 (65 %), 35-49 (25 %), 50-64
  (8 %), 65-79 (2 %); a parent is at least 18 years older than the eldest child.
- Tracks (share of resident persons), landscape 2024: aanmelding 4 %,
  versneld 5 %, htl 0.4 %, ibo 0.6 % (single adults only), vergunninghouder
  20.9 % (real), regulier the rest. Landscape 2020: aanmelding 4 %, kansarm
  12 %, overig 20 %, htl 0.4 %, ibo 0.6 %, vergunninghouder 20.9 %, kansrijk
  the rest. New arrivals: 92 % aanmelding, 4 % regulier/kansrijk and 4 %
  vergunninghouder (family reunification).
- Registered households still waiting at a registration location (aanmeld /
  gvl): about half a week's arrivals; in landscape 2020 also 2 % of residents
  at noodopvang, a type no 2020 track may use (they must move on).
- Location types (share of locations), 2024: aanmeld 0.8 % (at least enough for
  their beds), versneld 5 %, htl 1.5 %, ibo 2 %, and of the rest 62 %
  noodopvang (real), 28.5 % regulier, 9.5 % gemeentelijk. Beds of the
  regulier/vergunninghouder tracks: 45 %
  regulier, 15 % gemeentelijk, 40 % noodopvang (real). 2020: gvl 4 %,
  satelliet 12 %, rol 70 %, noodopvang 8 %, htl 3 %, ibo 3 %.
- Beds per type: what the tracks need after placement (residents where they
  fit now; arrivals and households that must move spread by the shares above)
  times a slack drawn per type in 0.99-1.02 (at least 1.02 for the
  registration type, which must take all arrivals), open locations only;
  10 to 2,000 beds per location (at most 1,500 outside registration).
  Seeds keep their relative size; synthetic ones are lognormal around a
  typical size per type. A few locations closed the days before the planning
  date (about 3 %, with residents who must move), a few close within 90 days,
  a few open after it (about 1.5 %, empty). Noodopvang is temporary
  (``open_from``/``open_until`` set).
- Flags: registration locations and ibo have ``has_medical``; about 30 % of
  all locations do. About 15 % are not ``child_suitable`` (htl, ibo, ships,
  sports halls and some other noodopvang). ``max_children`` on 20 % of the
  child-suitable regular locations, 5-40 % above their resident children.
- ``cost_per_night`` (euro per bed): regulier 50-80, versneld 55-80,
  gemeentelijk 60-90, aanmeld 80-120, noodopvang 100-180 (hotels 150-300,
  ships 180-300), htl 150-250, ibo 120-200. No published per-location figure
  was found; these are plausible orders of magnitude only.
- ``medical_need``: 5 % of persons. ``moves`` of residents: 0-3 by track
  (registration tracks mostly 0). Family groups: 5 % of households, in groups
  of 2-3; half of the groups live at one location, the others are split
  (and may include a new arrival joining family).
- Synthetic locations lie within about 2 km of the gemeente's reference
  point (inside the gemeente's boundary); seeds and 10 % of the others have
  no coordinates, so the reference point is used.

Examples
--------
>>> from placement.synth import generate_scenario, write_scenario
>>> locations, persons, settings = generate_scenario(persons=3000, arrivals=120,
...                                                  locations=36, seed=1)
>>> write_scenario("out/demo", locations, persons, settings)  # doctest: +SKIP
"""

from __future__ import annotations

from placement.input.write import to_toml
from placement.synth.generate import generate_scenario
from placement.synth.profiles import LANDSCAPES, household_mix, published_marginals
from placement.synth.write import write_scenario

__all__ = [
    "LANDSCAPES",
    "generate_scenario",
    "household_mix",
    "published_marginals",
    "to_toml",
    "write_scenario",
]
