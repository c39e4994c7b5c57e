# vocmatch — production image. Set VOCMATCH_DATABASE_URL (PostgreSQL) and VOCMATCH_SECRET_KEY.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    VOCMATCH_ENVIRONMENT=production

RUN groupadd --system vocmatch && useradd --system --gid vocmatch --home /app vocmatch
WORKDIR /app

COPY pyproject.toml README.md alembic.ini ./
COPY vocmatch ./vocmatch
RUN pip install .

COPY migrations ./migrations
COPY data ./data
COPY models ./models
RUN mkdir -p /app/var && chown -R vocmatch:vocmatch /app/var /app/models

USER vocmatch
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4).status == 200 else 1)"

# Migrate, make sure the reference data and the model are current, then serve.
CMD ["sh", "-c", "vocmatch db upgrade && vocmatch load reference && vocmatch train --if-needed && vocmatch serve --host 0.0.0.0 --port 8000 --workers 2"]
