from cpms.intake.tests.conftest import reference_data  # noqa: F401 - autouse fixture
