import numpy as np
import pyscipopt
import pytest

from instances.generators import preset
from instances.profile import ProfileFeature, instance_profile


def _value(profile: np.ndarray, feature: ProfileFeature) -> float:
    return float(profile[feature.value])


def _handmade() -> pyscipopt.Model:
    """x, y binary, n general integer, c continuous; one row of each kind the profile counts."""
    model = pyscipopt.Model()
    model.hideOutput()
    x = model.addVar("x", vtype="B", obj=1.0)
    y = model.addVar("y", vtype="B", obj=2.0)
    n = model.addVar("n", vtype="I", ub=10, obj=-1.0)
    c = model.addVar("c", vtype="C", ub=5)
    model.addCons(x + y >= 1)  # set cover, pure binary, two variables
    model.addCons(x + y <= 1)  # set packing, pure binary, two variables
    model.addCons(3 * x + 1000 * n + c == 4)  # equality, mixed
    model.addCons(c <= 2 * n + 1)  # mixed, two variables
    return model


def test_a_handmade_model_is_profiled_row_by_row() -> None:
    profile = instance_profile(_handmade())
    assert profile.shape == (len(ProfileFeature),)
    expected = {
        ProfileFeature.BINARY_VARIABLES: 0.5,
        ProfileFeature.INTEGER_VARIABLES: 0.25,
        ProfileFeature.CONTINUOUS_VARIABLES: 0.25,
        ProfileFeature.OBJECTIVE_SUPPORT: 0.75,
        ProfileFeature.OBJECTIVE_SIGN: 2 / 3,  # minimising: x and y worsen it, n improves it
        ProfileFeature.EQUALITY_ROWS: 0.25,
        ProfileFeature.SET_COVER_ROWS: 0.25,
        ProfileFeature.SET_PACKING_ROWS: 0.25,
        ProfileFeature.PURE_BINARY_ROWS: 0.5,
        ProfileFeature.MIXED_ROWS: 0.5,
        ProfileFeature.CONTINUOUS_ROWS: 0.0,
        ProfileFeature.TWO_VARIABLE_ROWS: 0.75,
        ProfileFeature.OTHER_ROWS: 0.0,
        ProfileFeature.UNIT_COEFFICIENTS: 6 / 9,  # the 3, 1000 and 2 are not
        ProfileFeature.COEFFICIENT_RANGE: 3.0,  # 1000 / 1
    }
    for feature, value in expected.items():
        assert _value(profile, feature) == pytest.approx(value), feature


def test_maximising_flips_the_objective_sign_fraction() -> None:
    model = _handmade()
    model.setMaximize()
    assert _value(instance_profile(model), ProfileFeature.OBJECTIVE_SIGN) == pytest.approx(1 / 3)


def test_constraints_that_are_not_linear_count_as_other_rows() -> None:
    model = _handmade()
    x, y = model.getVars()[:2]
    model.addConsSOS1([x, y])
    profile = instance_profile(model)
    assert _value(profile, ProfileFeature.OTHER_ROWS) == pytest.approx(1 / 5)


def test_an_empty_model_has_a_zero_profile() -> None:
    model = pyscipopt.Model()
    assert not instance_profile(model).any()


@pytest.mark.parametrize("level", ["tiny", "easy"])
def test_generated_set_covers_are_pure_cover_rows(level: str) -> None:
    profile = instance_profile(preset("setcover", level).generate(3))
    assert _value(profile, ProfileFeature.BINARY_VARIABLES) == 1.0
    assert _value(profile, ProfileFeature.SET_COVER_ROWS) == 1.0
    assert _value(profile, ProfileFeature.OBJECTIVE_SIGN) == 1.0


def test_generated_classes_have_distinct_profiles() -> None:
    profiles = {
        name: instance_profile(preset(name, "tiny").generate(1))
        for name in ("setcover", "cauctions", "facilities", "indset")
    }
    names = sorted(profiles)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            assert np.abs(profiles[first] - profiles[second]).max() > 0.5, (first, second)
    assert _value(profiles["facilities"], ProfileFeature.CONTINUOUS_VARIABLES) > 0.5


def test_names_that_are_not_utf8_do_not_matter(tmp_path) -> None:
    # Found by fuzzing: the reader refuses such names in linear rows, but a variable of the
    # objective alone passes, and PySCIPOpt cannot decode its name: the profile must not read it.
    from instances.reading import read_instance

    path = tmp_path / "latin1.mps"
    path.write_bytes(
        b"NAME latin1\nROWS\n N obj\n G r\nCOLUMNS\n"
        b"    M1 'MARKER' 'INTORG'\n    x obj 1 r 1\n    y obj 2 r 1\n    z\xe9 obj 1\n"
        b"    M2 'MARKER' 'INTEND'\nRHS\n    rhs r 1\nBOUNDS\n UP bnd x 1\n UP bnd y 1\n"
        b" UP bnd z\xe9 1\nENDATA\n"
    )
    model = read_instance(path)
    with pytest.raises(UnicodeDecodeError):
        [var.name for var in model.getVars()]  # noqa: B018  (what the profile must avoid)
    profile = instance_profile(model)
    assert _value(profile, ProfileFeature.BINARY_VARIABLES) == 1.0
    assert _value(profile, ProfileFeature.SET_COVER_ROWS) == 1.0
