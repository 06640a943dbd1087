"""Natural Earth, the projection plotly.js draws the map in (d3-geo's geoNaturalEarth1),
in one place: the camera reads how a range of latitude and longitude is drawn on
screen, the still picture draws with it. Unscaled, y upwards, angles in degrees."""

from __future__ import annotations

import numpy as np


def x_factor(latitude):
    """x per radian of longitude at a latitude (the parallels shorten towards the poles)."""
    p2 = np.radians(latitude) ** 2
    p4 = p2 * p2
    return 0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))


def y_of(latitude):
    """The y a latitude is drawn at."""
    phi = np.radians(latitude)
    p2 = phi * phi
    p4 = p2 * p2
    return phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))


def natural_earth(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Points' x and y."""
    return np.radians(lon) * x_factor(lat), y_of(lat)


def latitude_at(y: float) -> float:
    """The latitude drawn at y (y rises with latitude: bisection)."""
    low, high = -90.0, 90.0
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if y_of(middle) < y else (low, middle)
    return (low + high) / 2
