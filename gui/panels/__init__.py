"""The dashboard's panels, in the order the window shows them."""

from __future__ import annotations

from gui.panels.activations import ActivationsPanel
from gui.panels.base import Panel
from gui.panels.curves import LossPanel
from gui.panels.decision import DecisionPanel
from gui.panels.gradients import GradientFlowPanel
from gui.panels.graph import NetworkGraphPanel
from gui.panels.race import OptimizerRacePanel
from gui.panels.weights import WeightsPanel

PANELS: list[type[Panel]] = [
    NetworkGraphPanel,
    WeightsPanel,
    ActivationsPanel,
    OptimizerRacePanel,
    LossPanel,
    DecisionPanel,
    GradientFlowPanel,
]

__all__ = [
    "PANELS",
    "ActivationsPanel",
    "DecisionPanel",
    "GradientFlowPanel",
    "LossPanel",
    "NetworkGraphPanel",
    "OptimizerRacePanel",
    "Panel",
    "WeightsPanel",
]
