"""Actors: dictionary readers, a phrase matcher, and the stage that finds actors in sentences."""
