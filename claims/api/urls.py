"""/api/v1/: the versioned API (mounted with the namespace ``api``)."""

from rest_framework.routers import DefaultRouter

from . import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("claims", views.ClaimViewSet, basename="claim")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("articles", views.ArticleViewSet, basename="article")
router.register("sources", views.SourceViewSet, basename="source")
router.register("ingest-jobs", views.IngestJobViewSet, basename="ingest-job")
router.register("statements", views.StatementViewSet, basename="statement")

urlpatterns = router.urls
