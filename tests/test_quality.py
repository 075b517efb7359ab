"""Week 2's data world (``aicourse.data.messy``) and data cores (``aicourse.quality``)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from aicourse import SEED
from aicourse.data.applications import make_applications
from aicourse.data.messy import (
    APPLICATIONS_RANGE,
    BASE_DAYS,
    CLIENT_COLUMNS,
    DUPLICATE_OF,
    DUPLICATE_ROW,
    EXERCISE_PROBLEMS,
    EXERCISE_SEED,
    EXTRA_DAYS,
    IMPOSSIBLE_COLUMN,
    IMPOSSIBLE_ROW,
    IMPOSSIBLE_VALUE,
    INCONSISTENT_COLUMN,
    LESSON_PROBLEMS,
    MISSING_COLUMN,
    MISSING_ROW,
    N_CLIENT_ROWS,
    NOISE_DAYS,
    RURAL_DISTANCE_MIDPOINT,
    SETTINGS,
    STANDARD_SPELLING,
    TOWN_DAYS_MIDPOINT,
    VARIANT_SPELLINGS,
    PlantedProblems,
    expected_days,
    make_appointments,
    make_busy_weeks,
    make_client_records,
    miss_chance,
)
from aicourse.quality import (
    COMMON_SENSE_RANGES,
    N_TEST_EACH,
    PROBLEM_KINDS,
    RURAL_SHARES,
    accuracy_by_setting,
    clean_records,
    is_identifier,
    label_choice,
    quality_report,
    representation_experiment,
    train_appointment_model,
)

# --- Client records --------------------------------------------------------------------


def test_client_records_are_deterministic_and_seeded():
    a, b = make_client_records(), make_client_records()
    pd.testing.assert_frame_equal(a, b)
    assert not make_client_records(seed=SEED + 7)["name"].equals(a["name"])


def test_client_records_shape_and_row_numbers():
    table = make_client_records()
    assert list(table.columns) == list(CLIENT_COLUMNS)
    assert list(table.index) == list(range(1, N_CLIENT_ROWS + 1))
    assert table.index.name == "row"


@pytest.mark.parametrize("seed", [0, 1, SEED, 99])
def test_planted_problems_sit_where_the_constants_say(seed):
    table = make_client_records(seed=seed)
    assert pd.isna(table.loc[MISSING_ROW, MISSING_COLUMN])
    assert table.isna().sum().sum() == 1
    pd.testing.assert_series_equal(
        table.loc[DUPLICATE_ROW], table.loc[DUPLICATE_OF], check_names=False
    )
    assert table.loc[IMPOSSIBLE_ROW, IMPOSSIBLE_COLUMN] == IMPOSSIBLE_VALUE
    for row, spelling in VARIANT_SPELLINGS.items():
        assert table.loc[row, INCONSISTENT_COLUMN] == spelling
    assert (table[INCONSISTENT_COLUMN] == STANDARD_SPELLING).sum() == 2


@pytest.mark.parametrize("seed", range(8))
def test_quality_report_finds_exactly_the_planted_problems(seed):
    """The generator plants four kinds of problem and makes no others by accident."""
    report = quality_report(make_client_records(seed=seed))
    assert report.missing == ((MISSING_ROW, MISSING_COLUMN),)
    assert report.duplicates == ((DUPLICATE_ROW, DUPLICATE_OF),)
    assert report.impossible == ((IMPOSSIBLE_ROW, IMPOSSIBLE_COLUMN, float(IMPOSSIBLE_VALUE)),)
    assert {(r, c, w) for r, c, w, _ in report.spellings} == {
        (r, INCONSISTENT_COLUMN, w) for r, w in VARIANT_SPELLINGS.items()
    }
    assert {u for *_, u in report.spellings} == {STANDARD_SPELLING}
    assert report.n_problems == 5


def test_exercise_table_has_its_own_problems_in_other_places():
    p = EXERCISE_PROBLEMS
    report = quality_report(make_client_records(EXERCISE_SEED, p))
    assert report.missing == ((p.missing_row, p.missing_column),)
    assert report.duplicates == ((p.duplicate_row, p.duplicate_of),)
    assert [(r, c) for r, c, _ in report.impossible] == [(p.impossible_row, p.impossible_column)]
    assert {r for r, *_ in report.spellings} == set(p.variant_spellings)
    lesson = LESSON_PROBLEMS
    assert p.missing_column != lesson.missing_column
    assert p.inconsistent_column != lesson.inconsistent_column
    assert p.duplicate_row != lesson.duplicate_row
    assert p.impossible_row != lesson.impossible_row


def test_planted_problems_must_not_collide():
    with pytest.raises(ValueError, match="row of its own"):
        PlantedProblems(2, "age", 5, 2, 7, "area", 300, "contact", "Email", (3, 4), {6: "email"})
    with pytest.raises(ValueError, match="after the row it copies"):
        PlantedProblems(2, "age", 5, 9, 7, "area", 300, "contact", "Email", (3, 4), {6: "email"})
    with pytest.raises(ValueError, match="different"):
        PlantedProblems(2, "age", 9, 5, 7, "age", 300, "contact", "Email", (3, 4), {6: "email"})
    with pytest.raises(ValueError, match="between 1 and"):
        PlantedProblems(20, "age", 9, 5, 7, "area", 300, "contact", "Email", (3, 4), {6: "e"})


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"seed": 1.5}, TypeError),
        ({"seed": "1"}, TypeError),
        ({"seed": True}, TypeError),
        ({"seed": -1}, ValueError),
        ({"planted": "lesson"}, TypeError),
    ],
)
def test_client_records_reject_bad_input(kwargs, error):
    with pytest.raises(error):
        make_client_records(**kwargs)


# --- Appointments ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def appointments() -> pd.DataFrame:
    return make_appointments(20_000, rural_share=0.5)


def test_appointments_are_deterministic():
    pd.testing.assert_frame_equal(make_appointments(500), make_appointments(500))
    assert not make_appointments(500, seed=1)["missed"].equals(make_appointments(500)["missed"])


def test_appointments_columns_and_rural_share():
    table = make_appointments(10_000, rural_share=0.3)
    assert list(table.columns) == [
        "appointment_id",
        "setting",
        "distance_km",
        "days_waited",
        "missed",
    ]
    assert set(table["setting"]) == set(SETTINGS)
    assert abs((table["setting"] == "Rural").mean() - 0.3) < 0.02
    assert table["days_waited"].between(0, 42).all()
    assert (make_appointments(100, rural_share=0.0)["setting"] == "Town").all()


def test_the_reason_for_missing_differs_by_setting(appointments):
    """Mechanism: town clients miss after long waits (distance hardly matters); rural clients
    miss when they live far away (the wait does not matter)."""
    town = appointments[appointments["setting"] == "Town"]
    rural = appointments[appointments["setting"] == "Rural"]

    def rate(table, column, low, high):
        return table.loc[table[column].between(low, high), "missed"].mean()

    assert rate(town, "days_waited", 30, 42) - rate(town, "days_waited", 0, 12) > 0.6
    assert abs(rate(town, "distance_km", 0, 5) - rate(town, "distance_km", 12, 25)) < 0.05
    assert rate(rural, "distance_km", 90, 120) - rate(rural, "distance_km", 15, 40) > 0.6
    assert abs(rate(rural, "days_waited", 0, 12) - rate(rural, "days_waited", 30, 42)) < 0.05
    assert town["distance_km"].quantile(0.95) < rural["distance_km"].quantile(0.05) + 10


def test_miss_chance_is_one_half_at_the_midpoints():
    table = pd.DataFrame(
        {
            "setting": ["Town", "Rural"],
            "distance_km": [5.0, RURAL_DISTANCE_MIDPOINT],
            "days_waited": [TOWN_DAYS_MIDPOINT, 0],
        }
    )
    assert np.allclose(miss_chance(table), 0.5)
    with pytest.raises(ValueError, match="missing columns"):
        miss_chance(table.drop(columns="setting"))
    with pytest.raises(TypeError):
        miss_chance([1, 2])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"n": 5}, ValueError),
        ({"n": 10.0}, TypeError),
        ({"rural_share": 1.5}, ValueError),
        ({"rural_share": "half"}, TypeError),
        ({"seed": None}, TypeError),
    ],
)
def test_appointments_reject_bad_input(kwargs, error):
    with pytest.raises(error):
        make_appointments(**kwargs)


# --- Busy weeks ------------------------------------------------------------------------


def test_busy_weeks_are_deterministic_and_split():
    weeks = make_busy_weeks()
    pd.testing.assert_frame_equal(weeks, make_busy_weeks())
    assert (weeks["set"] == "training").sum() == 10 and (weeks["set"] == "new").sum() == 60
    train = weeks[weeks["set"] == "training"]["applications"].to_numpy()
    low, high = APPLICATIONS_RANGE
    slices = np.floor((train - low) / ((high - low) / 10)).clip(0, 9)
    assert sorted(slices) == list(range(10)), "one training week in each slice of busyness"
    new = weeks[weeks["set"] == "new"]["applications"]
    assert new.between(train.min(), train.max()).all()


def test_busy_weeks_follow_the_curve_with_the_stated_noise():
    weeks = make_busy_weeks(n_training=50, n_new=5000, seed=3)
    residual = weeks["days_to_decision"] - expected_days(weeks["applications"])
    assert abs(residual.mean()) < 0.05
    assert abs(residual.std() - NOISE_DAYS) < 0.05


def test_expected_days_rises_from_base_to_base_plus_extra():
    days = expected_days(np.arange(0, 1001, 50))
    assert np.all(np.diff(days) > 0)
    assert abs(days[0] - BASE_DAYS) < 0.01
    assert abs(days[-1] - (BASE_DAYS + EXTRA_DAYS)) < 0.01


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [({"n_training": 2}, ValueError), ({"n_new": 0}, ValueError), ({"n_new": 2.0}, TypeError)],
)
def test_busy_weeks_reject_bad_input(kwargs, error):
    with pytest.raises(error):
        make_busy_weeks(**kwargs)


# --- Features and labels ---------------------------------------------------------------


@pytest.fixture(scope="module")
def applications() -> pd.DataFrame:
    return make_applications(400)


def test_label_choice_kinds(applications):
    kinds = {c: label_choice(applications, c).kind for c in applications.columns}
    assert kinds["application_id"] == "identifier"
    assert kinds["problem"] == kinds["flagged_before"] == kinds["documents_complete"] == "yes/no"
    assert kinds["age"] == kinds["weekly_income"] == "number"
    assert kinds["area"] == kinds["group"] == "category"


def test_label_choice_features_are_the_other_columns_without_identifiers(applications):
    c = label_choice(applications, "problem")
    assert c.features == tuple(
        x for x in applications.columns if x not in {"problem", "application_id"}
    )
    assert c.n_examples == 400 and c.usable
    assert c.share_yes == pytest.approx(applications["problem"].mean())
    age = label_choice(applications, "age")
    assert age.value_range == (applications["age"].min(), applications["age"].max())
    assert not label_choice(applications, "application_id").usable
    assert label_choice(applications, "area").n_values == applications["area"].nunique()


def test_identifiers_are_recognised_by_name():
    assert is_identifier("id") and is_identifier("client_id")
    assert not is_identifier("identity") and not is_identifier("paid")


def test_label_choice_rejects_bad_input(applications):
    with pytest.raises(ValueError, match="not a column"):
        label_choice(applications, "colour")
    with pytest.raises(TypeError):
        label_choice(applications, 3)
    with pytest.raises(TypeError, match="table"):
        label_choice([1, 2], "a")
    with pytest.raises(ValueError, match="no rows"):
        label_choice(applications.iloc[:0], "age")


# --- Quality report on hand-made tables ------------------------------------------------


@pytest.fixture
def small() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": ["Ana", "Ben", "Cai", "Ben", "Dee"],
            "age": [30, 41, 150, 41, -2],
            "town": ["Rimu Heights", "Kōwhai Valley", "Kowhai Valley", "Kōwhai Valley", None],
        },
        index=[10, 20, 30, 40, 50],
    )


def test_quality_report_on_a_hand_made_table(small):
    report = quality_report(small)
    assert report.missing == ((50, "town"),)
    assert report.duplicates == ((40, 20),)
    assert report.impossible == ((30, "age", 150.0), (50, "age", -2.0))
    assert report.spellings == ((30, "town", "Kowhai Valley", "Kōwhai Valley"),)
    assert report.n_problems == 5
    assert report.cells("Exact duplicate") == [(40, None)]
    assert len(report.cells()) == 5


def test_quality_report_table_has_one_line_per_problem(small):
    table = quality_report(small).table()
    assert list(table.columns) == ["problem", "row", "column", "what we found"]
    assert list(table["problem"]) == [
        "Missing value",
        "Exact duplicate",
        "Impossible value",
        "Impossible value",
        "Inconsistent spelling",
    ]
    assert "row 20" in table.loc[1, "what we found"]


def test_quality_report_uses_the_ranges_given(small):
    assert quality_report(small, ranges={"age": (-5, 200)}).impossible == ()
    assert quality_report(small, ranges={"height": (0, 3)}).impossible == ()
    assert set(COMMON_SENSE_RANGES) >= {"age", "household_size"}


def test_a_clean_table_has_no_problems():
    clean = pd.DataFrame({"name": ["Ana", "Ben"], "age": [30, 41], "town": ["A", "B"]})
    report = quality_report(clean)
    assert report.n_problems == 0 and report.table().empty


def test_the_usual_spelling_is_the_most_common_one():
    table = pd.DataFrame({"town": ["port tāwhiri", "Port Tāwhiri", "Port Tāwhiri", "Other"]})
    assert quality_report(table).spellings == ((0, "town", "port tāwhiri", "Port Tāwhiri"),)


def test_quality_report_rejects_bad_input(small):
    with pytest.raises(TypeError):
        quality_report("a table")
    with pytest.raises(ValueError, match="no rows"):
        quality_report(small.iloc[:0])
    with pytest.raises(TypeError, match="pair"):
        quality_report(small, ranges={"age": 5})
    with pytest.raises(ValueError, match="above"):
        quality_report(small, ranges={"age": (10, 1)})
    with pytest.raises(ValueError, match="kind"):
        quality_report(small).cells("Typo")
    assert PROBLEM_KINDS[0] == "Missing value"


def test_clean_records_fixes_what_it_can_without_guessing(small):
    cleaned = clean_records(small)
    assert list(cleaned.index) == [10, 20, 30, 50]  # the duplicate is gone
    assert pd.isna(cleaned.loc[30, "age"]) and pd.isna(cleaned.loc[50, "age"])
    assert cleaned.loc[30, "town"] == "Kōwhai Valley"
    assert pd.isna(cleaned.loc[50, "town"])  # missing stays missing
    assert small.loc[30, "age"] == 150  # the original is unchanged
    assert quality_report(cleaned).n_problems == 3  # only the empty cells remain
    assert len(quality_report(cleaned).missing) == 3


# --- An unrepresentative sample --------------------------------------------------------


@pytest.fixture(scope="module")
def experiment() -> pd.DataFrame:
    return representation_experiment()


def test_representation_experiment_is_deterministic(experiment):
    pd.testing.assert_frame_equal(experiment, representation_experiment())


def test_representation_experiment_table(experiment):
    assert list(experiment["rural_share"]) == list(RURAL_SHARES)
    assert (experiment["n_rural"] + experiment["n_town"] == 500).all()
    assert list(experiment["n_rural"]) == [round(500 * s) for s in RURAL_SHARES]
    assert np.allclose(
        experiment["gap"], experiment["accuracy_town"] - experiment["accuracy_rural"]
    )


def test_more_rural_clients_in_training_helps_rural_clients_not_town(experiment):
    """Mechanism: rural clients miss for a different reason, which the model can only learn
    from rural examples; town accuracy does not depend on them."""
    first, last = experiment.iloc[0], experiment.iloc[-1]
    assert last["accuracy_rural"] - first["accuracy_rural"] > 0.2
    assert experiment["accuracy_town"].max() - experiment["accuracy_town"].min() < 0.03


def test_accuracy_by_setting_scores_each_setting_apart():
    pool = make_appointments(3000, rural_share=0.5, seed=5)
    test = pool.iloc[:1000]
    model = train_appointment_model(pool.iloc[1000:])
    acc = accuracy_by_setting(model, test)
    right = model.predict(test[["distance_km", "days_waited"]]) == test["missed"].to_numpy()
    for setting in SETTINGS:
        mask = (test["setting"] == setting).to_numpy()
        assert acc[setting] == pytest.approx(right[mask].mean())
    only_town = accuracy_by_setting(model, test[test["setting"] == "Town"])
    assert np.isnan(only_town["Rural"])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"shares": []}, TypeError),
        ({"shares": [0.7]}, ValueError),
        ({"shares": ["a"]}, TypeError),
        ({"n_train": 10}, ValueError),
        ({"n_train": 100.0}, TypeError),
    ],
)
def test_representation_experiment_rejects_bad_input(kwargs, error):
    with pytest.raises(error):
        representation_experiment(**kwargs)


def test_train_appointment_model_rejects_bad_input():
    with pytest.raises(ValueError, match="missing columns"):
        train_appointment_model(pd.DataFrame({"distance_km": [1.0] * 20}))
    with pytest.raises(ValueError, match="at least"):
        train_appointment_model(make_appointments(10))
    assert N_TEST_EACH == 1000
