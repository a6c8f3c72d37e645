"""Reading and writing files: scenario folders, roster CSVs; every user mistake is an InputError."""

from roster.io.atomic import atomic_write_bytes as atomic_write_bytes
from roster.io.atomic import atomic_write_text as atomic_write_text
from roster.io.calendar_ics import year_calendar as year_calendar
from roster.io.errors import InputError as InputError
from roster.io.roster_csv import read_pins_csv as read_pins_csv
from roster.io.roster_csv import read_roster_csv as read_roster_csv
from roster.io.roster_csv import write_roster_csv as write_roster_csv
from roster.io.scenario_files import load_scenario as load_scenario
from roster.io.scenario_files import load_scenario_files as load_scenario_files
from roster.io.scenario_save import save_scenario as save_scenario
from roster.io.xlsx_year import year_workbook as year_workbook
from roster.io.xlsx_year import year_workbook_bytes as year_workbook_bytes
from roster.io.year_files import YEAR_FOLDER as YEAR_FOLDER
from roster.io.year_files import YearInputs as YearInputs
from roster.io.year_files import load_year as load_year
from roster.io.year_files import read_profile as read_profile
