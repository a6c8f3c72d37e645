"""Plots of a roster (matplotlib figures built without pyplot's global state)."""

from roster.plotting.glide import glide_png as glide_png
from roster.plotting.glide import plot_glide as plot_glide
from roster.plotting.heatmap import CoverGrid as CoverGrid
from roster.plotting.heatmap import cover_grid as cover_grid
from roster.plotting.heatmap import cover_heatmap_png as cover_heatmap_png
from roster.plotting.heatmap import plot_cover_heatmap as plot_cover_heatmap
from roster.plotting.heatmap import plot_cover_heatmaps as plot_cover_heatmaps
from roster.plotting.heatmap import save_cover_heatmap as save_cover_heatmap
from roster.plotting.sweep import plot_balances as plot_balances
from roster.plotting.sweep import plot_profile_demand as plot_profile_demand
from roster.plotting.sweep import plot_short_months as plot_short_months
from roster.plotting.sweep import plot_tradeoff as plot_tradeoff
from roster.plotting.sweep import png as png
from roster.plotting.year import person_year_png as person_year_png
from roster.plotting.year import plot_person_year as plot_person_year
